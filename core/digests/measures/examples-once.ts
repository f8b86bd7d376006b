import type { ExampleFact, TextGuard } from '../ports';
import { shareableText } from '../text/text-guard';

/** A shareable example as a reader sees it: once, with every promise it evidences. */
export interface ExampleOnce {
  text: string;
  promiseIds: string[];
  /** The first example with these words, and who recorded it (asked to reword it when it reads too hard). */
  id?: string;
  authorId?: string;
}

/**
 * The period's shareable examples, each text once (the same words recorded twice are one thing to a
 * reader) with the union of their promises, in the order first recorded.
 */
export function examplesOnce(examples: readonly ExampleFact[], guard: TextGuard): ExampleOnce[] {
  const byText = new Map<string, { promises: Set<string>; first: ExampleFact }>();
  for (const e of examples) {
    if (!shareableText(guard, e.shareable, e.summary)) continue;
    const seen = byText.get(e.summary) ?? { promises: new Set<string>(), first: e };
    e.promiseIds.forEach((p) => seen.promises.add(p));
    byText.set(e.summary, seen);
  }
  return [...byText].map(([text, { promises, first }]) => ({ text, promiseIds: [...promises], id: first.id, ...(first.authorId ? { authorId: first.authorId } : {}) }));
}

/** "Health, Dreams" in the order of the council's promises. */
export const promiseLabels = (ids: readonly string[], promises: readonly { id: string; title: string }[]): string =>
  promises.filter((p) => ids.includes(p.id)).map((p) => p.title).join(', ');
