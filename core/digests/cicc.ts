import type { Promise_ } from '../model/promises';
import { londonDate } from '../calendar/working-days';
import type { ExampleFacts, ForumCalendar, ForumOccurrence, TextGuard, TrackerFacts, TrackerItemFact } from './ports';
import { examplesOnce, type ExampleOnce } from './examples-once';
import { shareableText } from './text-guard';
import { summariseActivities, type ActivitySummary, type ParticipationFacts } from './participation';
import { shiftDate } from './period';

/** What the CICC digest tells young people, before presentation. Every text here is shareable. */
export interface CiccDigest {
  occurrence: ForumOccurrence;
  /** Start of the period: the previous CICC meeting (or `fallbackFrom`). */
  since: string;
  until: string;
  /** What changed because of what young people said, each "You said" once. */
  done: { id?: string; youSaid: string; weDid: string; promiseId?: string }[];
  /** Other things young people took part in (participation examples), each once with all its promises. */
  examples: ExampleOnce[];
  /** What we are still working on that they asked for: who, and by when (London date). */
  stillWorking: { id?: string; youSaid: string; who?: string; due: string; late: boolean; promiseId?: string }[];
  notPossible: { id?: string; youSaid: string; why: string; promiseId?: string }[];
  /** Every item still being worked on (a count of the council's records, shown exactly). */
  stillOpen: number;
  promises: { id: string; title: string; count: number }[];
  /** Group participation since the last meeting: "What young people did this month". */
  activities?: ActivitySummary;
}

export interface CiccFacts {
  tracker: TrackerFacts;
  examples: ExampleFacts;
  forums: ForumCalendar;
  participation?: Pick<ParticipationFacts, 'activities'>;
}

/** The same words written twice are one thing to a reader: keep the first of each "You said". */
const onceBy = <T>(rows: readonly T[], key: (r: T) => string): T[] => {
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(key(r)) && !!seen.add(key(r)));
};

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
  const ok = (t: TrackerItemFact) => shareableText(opts.guard, t.shareable, t.youSaid, t.outcome) && !!t.outcome;
  const today = londonDate(opts.now);
  const once = examplesOnce(examples, opts.guard);
  const working = open.filter((t) => t.status === 'open' && shareableText(opts.guard, t.shareable, t.youSaid)).sort((a, b) => a.due.localeCompare(b.due));
  const done = onceBy(closed.filter((t) => t.status === 'done' && ok(t)), (t) => t.youSaid);
  const notPossible = onceBy(closed.filter((t) => t.status === 'not_possible' && ok(t)), (t) => t.youSaid);
  // An ask already answered above is not listed again as still being worked on (each thing once).
  const answered = new Set([...done, ...notPossible].map((t) => t.youSaid));
  const activities = facts.participation ? summariseActivities(await facts.participation.activities.listBetween(londonDate(from), shiftDate(londonDate(until), 1)), opts.promises) : undefined;
  return {
    ...(activities ? { activities } : {}),
    occurrence: opts.occurrence,
    since: from.toISOString(),
    until: until.toISOString(),
    done: done.map((t) => ({ id: t.id, youSaid: t.youSaid, weDid: t.outcome as string, promiseId: t.promiseId })),
    examples: once,
    stillWorking: onceBy(working.filter((t) => !answered.has(t.youSaid)), (t) => t.youSaid).map((t) => ({ id: t.id, youSaid: t.youSaid, who: t.who, due: t.due, late: t.due < today, promiseId: t.promiseId })),
    notPossible: notPossible.map((t) => ({ id: t.id, youSaid: t.youSaid, why: t.outcome as string, promiseId: t.promiseId })),
    stillOpen: open.filter((t) => t.status === 'open').length,
    // Things we did for each promise: the changes and the examples listed above, so the numbers match the words.
    promises: opts.promises.map((p) => ({
      id: p.id,
      title: p.title,
      count: done.filter((t) => t.promiseId === p.id).length + once.filter((e) => e.promiseIds.includes(p.id)).length,
    })),
  };
}
