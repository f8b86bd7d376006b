import type { Promise_ } from '../../model/promises';
import { londonDate } from '../../calendar/working-days';
import { forumIdOf, type ExampleFacts, type ForumCalendar, type ForumOccurrence, type TextGuard, type TrackerFacts, type TrackerItemFact } from '../ports';
import { examplesOnce, type ExampleOnce } from '../measures/examples-once';
import { shareableText } from '../text/text-guard';
import { summariseActivities, type ActivitySummary, type ParticipationFacts } from '../measures/participation';
import { shiftDate } from '../period';

/** What the CICC digest tells young people, before presentation. Every text here is shareable. */
export interface CiccDigest {
  occurrence: ForumOccurrence;
  /** Start of the period: the previous CICC meeting (or `fallbackFrom`). */
  since: string;
  until: string;
  /** What changed because of what the CICC said, each "You said" once. */
  done: { id?: string; youSaid: string; weDid: string; promiseId?: string }[];
  /** Changes for children in care that others asked for (a child, a group, the UASC group, care leavers...). */
  others: { id?: string; youSaid: string; weDid: string; promiseId?: string }[];
  /** Other things young people took part in (participation examples), each once with all its promises. */
  examples: ExampleOnce[];
  /** What we are still working on that the CICC asked for: who, and by when (London date). */
  stillWorking: { id?: string; youSaid: string; who?: string; due: string; late: boolean; promiseId?: string }[];
  notPossible: { id?: string; youSaid: string; why: string; promiseId?: string }[];
  /** The CICC's items still being worked on (a count of the council's records, shown exactly). */
  stillOpen: number;
  promises: { id: string; title: string; count: number }[];
  /** Group participation since the last meeting: "What young people did this month". */
  activities?: ActivitySummary;
  /**
   * The CICC's items this digest reports with their outcome while they still wait for the feedback: sending
   * it is that feedback, so they are recorded as told once the digest is in the outbox.
   */
  tellsIds: string[];
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

/** Forums whose asks are not children's in care: the families' forum and the board hear back on their own. */
const NOT_FOR_CHILDREN_IN_CARE = new Set(['SERVICE_USER', 'CPB']);

/** Whose "You said" an item is, as the CICC digest sorts them. */
export function ciccAudience(t: Pick<TrackerItemFact, 'raisedBy'>, ciccForumId: string): 'cicc' | 'children_in_care' | 'other' {
  const r = t.raisedBy ?? { kind: 'unknown' };
  // A child's parents (their feedback after a meeting) hear back through the child's worker, not the CICC.
  if (r.kind === 'family') return 'other';
  // The board's and senior managers' own questions ("Ask about this") are answered to them, not to young people.
  if (r.kind === 'board') return 'other';
  if (r.kind !== 'forum') return 'children_in_care';
  if (r.forumId === ciccForumId) return 'cicc';
  return r.forumType && NOT_FOR_CHILDREN_IN_CARE.has(r.forumType) ? 'other' : 'children_in_care';
}

/**
 * The CICC digest for one meeting: what changed since the last CICC meeting, from shareable texts only.
 * "You told us" is only for what the CICC raised; other changes for children in care have their own heading.
 * Done means the outcome is recorded: told already (closed in the period) or waiting to be told (this digest).
 */
export async function computeCiccDigest(
  facts: CiccFacts,
  opts: { occurrence: ForumOccurrence; now: Date; promises: readonly Promise_[]; guard: TextGuard; fallbackDays?: number },
): Promise<CiccDigest> {
  const start = new Date(opts.occurrence.start);
  const prev = await facts.forums.previous('CICC', start);
  const from = prev ? new Date(prev.start) : new Date(opts.now.getTime() - (opts.fallbackDays ?? 31) * 86_400_000);
  const until = opts.now < start ? opts.now : start;
  const [closed, examples, active] = await Promise.all([
    facts.tracker.closedBetween(from, until),
    facts.examples.between(from, until),
    facts.tracker.open(),
  ]);
  const ciccId = forumIdOf(opts.occurrence);
  const whose = (t: TrackerItemFact) => ciccAudience(t, ciccId);
  const ok = (t: TrackerItemFact) => shareableText(opts.guard, t.shareable, t.youSaid, t.outcome) && !!t.outcome;
  const today = londonDate(opts.now);
  const once = examplesOnce(examples, opts.guard);
  // Outcome recorded but not yet told: this digest tells them, so it reports them as done (or not possible).
  const awaiting = active.filter((t) => t.status === 'open' && !!t.outcomeKind).map((t) => ({ ...t, status: t.outcomeKind as TrackerItemFact['status'] }));
  const withOutcome = [...closed, ...awaiting];
  const open = active.filter((t) => t.status === 'open' && !t.outcomeKind && whose(t) === 'cicc');
  const working = open.filter((t) => shareableText(opts.guard, t.shareable, t.youSaid)).sort((a, b) => a.due.localeCompare(b.due));
  const done = onceBy(withOutcome.filter((t) => t.status === 'done' && whose(t) === 'cicc' && ok(t)), (t) => t.youSaid);
  const notPossible = onceBy(withOutcome.filter((t) => t.status === 'not_possible' && whose(t) === 'cicc' && ok(t)), (t) => t.youSaid);
  // An ask already answered above is not listed again as still being worked on (each thing once).
  const answered = new Set([...done, ...notPossible].map((t) => t.youSaid));
  const activities = facts.participation ? summariseActivities(await facts.participation.activities.listBetween(londonDate(from), shiftDate(londonDate(until), 1)), opts.promises) : undefined;
  // Nor is anything the CICC is still waiting for shown as done for someone else (the same words, two answers).
  const waiting = new Set(working.map((t) => t.youSaid));
  const others = onceBy(withOutcome.filter((t) => t.status === 'done' && whose(t) === 'children_in_care' && ok(t) && !answered.has(t.youSaid) && !waiting.has(t.youSaid)), (t) => t.youSaid);
  const tellsIds = awaiting.filter((t) => whose(t) === 'cicc' && ok(t) && answered.has(t.youSaid)).map((t) => t.id);
  return {
    ...(activities ? { activities } : {}),
    occurrence: opts.occurrence,
    since: from.toISOString(),
    until: until.toISOString(),
    done: done.map((t) => ({ id: t.id, youSaid: t.youSaid, weDid: t.outcome as string, promiseId: t.promiseId })),
    others: others.map((t) => ({ id: t.id, youSaid: t.youSaid, weDid: t.outcome as string, promiseId: t.promiseId })),
    examples: once,
    stillWorking: onceBy(working.filter((t) => !answered.has(t.youSaid)), (t) => t.youSaid).map((t) => ({ id: t.id, youSaid: t.youSaid, who: t.who, due: t.due, late: t.due < today, promiseId: t.promiseId })),
    notPossible: notPossible.map((t) => ({ id: t.id, youSaid: t.youSaid, why: t.outcome as string, promiseId: t.promiseId })),
    stillOpen: open.filter((t) => !answered.has(t.youSaid)).length,
    // Things we did for each promise: the changes and the examples listed above, so the numbers match the words.
    promises: opts.promises.map((p) => ({
      id: p.id,
      title: p.title,
      count: [...done, ...others].filter((t) => t.promiseId === p.id).length + once.filter((e) => e.promiseIds.includes(p.id)).length,
    })),
    tellsIds,
  };
}
