import type { Promise_ } from '../model/promises';
import type { ExampleFacts, ForumCalendar, ForumOccurrence, TextGuard, TrackerFacts } from './ports';
import { shareableText } from './text-guard';

/** What the CICC digest tells young people, before presentation. Every text here is shareable. */
export interface CiccDigest {
  occurrence: ForumOccurrence;
  /** Start of the period: the previous CICC meeting (or `fallbackFrom`). */
  since: string;
  until: string;
  done: { youSaid: string; weDid: string }[];
  notPossible: { youSaid: string; why: string }[];
  /** Items still being worked on (a count). */
  stillOpen: number;
  promises: { id: string; title: string; count: number; highlights: string[] }[];
}

export interface CiccFacts {
  tracker: TrackerFacts;
  examples: ExampleFacts;
  forums: ForumCalendar;
}

const HIGHLIGHTS = 3;

/**
 * The CICC digest for one meeting: what changed since the last CICC meeting, from shareable texts only.
 * Reads the period since the previous meeting, plus the open items (a working set).
 */
export async function computeCiccDigest(
  facts: CiccFacts,
  opts: { occurrence: ForumOccurrence; now: Date; promises: readonly Promise_[]; guard: TextGuard; fallbackDays?: number },
): Promise<CiccDigest> {
  const start = new Date(opts.occurrence.start);
  const prev = await facts.forums.previous('CICC', start);
  const from = prev ? new Date(prev.start) : new Date(opts.now.getTime() - (opts.fallbackDays ?? 31) * 86_400_000);
  const until = opts.now < start ? opts.now : start;
  const [closed, examples, open] = await Promise.all([
    facts.tracker.closedBetween(from, until),
    facts.examples.between(from, until),
    facts.tracker.open(),
  ]);
  const ok = (t: (typeof closed)[number]) => shareableText(opts.guard, t.shareable, t.youSaid, t.outcome) && !!t.outcome;
  const shareableExamples = examples.filter((e) => shareableText(opts.guard, e.shareable, e.summary));
  return {
    occurrence: opts.occurrence,
    since: from.toISOString(),
    until: until.toISOString(),
    done: closed.filter((t) => t.status === 'done' && ok(t)).map((t) => ({ youSaid: t.youSaid, weDid: t.outcome as string })),
    notPossible: closed.filter((t) => t.status === 'not_possible' && ok(t)).map((t) => ({ youSaid: t.youSaid, why: t.outcome as string })),
    stillOpen: open.length,
    promises: opts.promises.map((p) => {
      const mine = shareableExamples.filter((e) => e.promiseIds.includes(p.id));
      return { id: p.id, title: p.title, count: mine.length, highlights: [...new Set(mine.map((e) => e.summary))].slice(0, HIGHLIGHTS) };
    }),
  };
}
