import type { Promise_ } from '../../model/promises';
import type { ParticipationMode } from '../../model/participation';
import { ParticipationModeSchema } from '../../model/participation';
import type { CohortFacts, ExampleFacts, ForumCalendar, ForumOccurrence, PromiseAudit, PromiseAuditStore, TextGuard, TrackerFacts, VoiceFacts } from '../ports';
import { examplesOnce, type ExampleOnce } from '../measures/examples-once';
import { youSaidCounts, type YouSaidCounts } from '../measures/you-said';
import { voiceMeasures, type VoiceMeasures } from '../measures/measures';
import { heardMeasures, reachedRatio } from '../measures/heard';
import type { Ratio } from '../weekly/weekly';
import { englandAndWales, londonDate, londonInstant, type WorkingCalendar } from '../../calendar/working-days';
import { digestSendDay } from '../forum-due';
import { computeParticipation, type ParticipationFacts, type ParticipationSummary } from '../measures/participation';

/** The Corporate Parenting Board briefing, before presentation: since the previous board, with the period before for trend. */
export interface CpbBriefing {
  occurrence: ForumOccurrence;
  since: string;
  until: string;
  previousSince: string;
  promises: { id: string; title: string; count: number }[];
  /** The period's shareable examples, each once with all its promises. */
  examples: ExampleOnce[];
  /** The mix of participation modes over all the period's examples (Hampshire: not just counts). */
  modes: Record<ParticipationMode, number>;
  voice: VoiceMeasures;
  voicePrevious: VoiceMeasures;
  /** Views reached the meeting over the last four board periods, oldest first (the last is this one). */
  trend: { since: string; until: string; reached: Ratio }[];
  audits: (PromiseAudit & { title: string })[];
  /** "You said, we did": young people's and families' asks, not the board's own questions. */
  tracker: YouSaidCounts;
  cohort: Awaited<ReturnType<CohortFacts['groupCounts']>>;
  /** Surveys (latest against previous) and group activities since the last board (core/digests/measures/participation.ts). */
  participation?: ParticipationSummary;
}

export interface CpbFacts {
  voice: VoiceFacts;
  examples: ExampleFacts;
  tracker: TrackerFacts;
  forums: ForumCalendar;
  audits: PromiseAuditStore;
  cohort: CohortFacts;
  participation?: ParticipationFacts;
}

const emptyModes = (): Record<ParticipationMode, number> =>
  Object.fromEntries(ParticipationModeSchema.options.map((m) => [m, 0])) as Record<ParticipationMode, number>;

/**
 * Computes the board briefing for one CPB meeting. Reads only [previous board, now) and the period before it
 * (for the trend), never the whole history. Without a previous board, the periods are the last `fallbackDays`.
 */
/** The CICC's latest answer for each promise (every answer is kept; the board reads the newest). */
export const latestPerPromise = (audits: readonly PromiseAudit[]): PromiseAudit[] => [
  ...audits
    .reduce((m, a) => ((m.get(a.promiseId)?.at ?? '') < a.at ? m.set(a.promiseId, a) : m), new Map<string, PromiseAudit>())
    .values(),
];

/** The board briefing goes this many working days before the board (`sendCpbBriefings`), and its period is cut there. */
export const CPB_WORKING_DAYS_AHEAD = 5;

export async function computeCpbBriefing(
  facts: CpbFacts,
  opts: { occurrence: ForumOccurrence; now: Date; promises: readonly Promise_[]; guard: TextGuard; fallbackDays?: number; calendar?: WorkingCalendar; workingDaysAhead?: number },
): Promise<CpbBriefing> {
  const start = new Date(opts.occurrence.start);
  const fallback = (opts.fallbackDays ?? 91) * 86_400_000;
  // Every board period ends where its briefing was cut (the start of the day it is sent), never at the board
  // itself: a period then reads the same in every briefing that shows it, so two briefings cannot be subtracted
  // to find the few children whose meetings fell between a briefing and its board.
  const cutOf = (board: Date) => londonInstant(digestSendDay(board, opts.calendar ?? englandAndWales, opts.workingDaysAhead ?? CPB_WORKING_DAYS_AHEAD));
  const cut = cutOf(start);
  const until = opts.now < cut ? opts.now : cut;
  // Going back board by board: where none was held, a period of `fallbackDays` (so it too is the same each time).
  const bounds: Date[] = [until];
  let board: Date | undefined = start;
  for (let i = 0; i < 4; i++) {
    const p: ForumOccurrence | undefined = board ? await facts.forums.previous('CPB', board) : undefined;
    board = p ? new Date(p.start) : undefined;
    bounds.unshift(board ? cutOf(board) : new Date(bounds[0]!.getTime() - fallback));
  }
  const [earliest, , previousSince, since] = bounds as [Date, Date, Date, Date, Date];
  const earlier = bounds.slice(0, 3);
  const [meetings, meetingsBefore, meetingsEarlier, examples, raised, closed, open, audits, cohort] = await Promise.all([
    facts.voice.forMeetingsBetween(since, until),
    facts.voice.forMeetingsBetween(previousSince, since),
    facts.voice.forMeetingsBetween(earliest, previousSince),
    facts.examples.between(since, until),
    facts.tracker.raisedBetween(since, until),
    facts.tracker.closedBetween(since, until),
    facts.tracker.open(),
    facts.audits.between(since, until),
    facts.cohort.groupCounts(until),
  ]);
  const today = londonDate(opts.now);
  const modes = emptyModes();
  for (const e of examples) modes[e.mode]++;
  const title = new Map(opts.promises.map((p) => [p.id, p.title]));
  return {
    occurrence: opts.occurrence,
    since: since.toISOString(),
    until: until.toISOString(),
    previousSince: previousSince.toISOString(),
    promises: opts.promises.map((p) => ({ id: p.id, title: p.title, count: examples.filter((e) => e.promiseIds.includes(p.id)).length })),
    examples: examplesOnce(examples, opts.guard),
    modes,
    voice: voiceMeasures(meetings, opts.now),
    voicePrevious: voiceMeasures(meetingsBefore, since),
    trend: [...earlier, since, until].slice(0, -1).map((from, i, all) => {
      const to = all[i + 1] ?? until;
      const ms = i < 2 ? meetingsEarlier.filter((m) => Date.parse(m.start) >= from.getTime() && Date.parse(m.start) < to.getTime()) : i === 2 ? meetingsBefore : meetings;
      return { since: from.toISOString(), until: to.toISOString(), reached: reachedRatio(heardMeasures(ms)) };
    }),
    audits: latestPerPromise(audits)
      .filter((a) => title.has(a.promiseId))
      .map((a) => ({ ...a, comment: a.comment && opts.guard.isShareable(a.comment) ? a.comment : '', title: title.get(a.promiseId) as string })),
    tracker: youSaidCounts({ raised, closed, open }, today),
    cohort,
    ...(facts.participation ? { participation: await computeParticipation(facts.participation, { since, until, promises: opts.promises }) } : {}),
  };
}
