import type { ExampleFact, TextGuard } from './ports';
import { shareableText } from './text-guard';

/** A shareable example as a reader sees it: once, with every promise it evidences. */
export interface ExampleOnce {
  text: string;
  promiseIds: string[];
}

/**
 * The period's shareable examples, each text once (the same words recorded twice are one thing to a
 * reader) with the union of their promises, in the order first recorded.
 */
export function examplesOnce(examples: readonly ExampleFact[], guard: TextGuard): ExampleOnce[] {
  const byText = new Map<string, Set<string>>();
  for (const e of examples) {
    if (!shareableText(guard, e.shareable, e.summary)) continue;
    const promises = byText.get(e.summary) ?? new Set<string>();
    e.promiseIds.forEach((p) => promises.add(p));
    byText.set(e.summary, promises);
  }
  return [...byText].map(([text, promises]) => ({ text, promiseIds: [...promises] }));
}

/** "Health, Dreams" in the order of the council's promises. */
export const promiseLabels = (ids: readonly string[], promises: readonly { id: string; title: string }[]): string =>
  promises.filter((p) => ids.includes(p.id)).map((p) => p.title).join(', ');
