import type { Promise_ } from '../../model/promises';
import type { ParticipationMode } from '../../model/participation';
import { ParticipationModeSchema } from '../../model/participation';
import type { CohortFacts, ExampleFacts, ForumCalendar, ForumOccurrence, PromiseAudit, PromiseAuditStore, TextGuard, TrackerFacts, VoiceFacts } from '../ports';
import { examplesOnce, type ExampleOnce } from '../measures/examples-once';
import { youSaidCounts, type YouSaidCounts } from '../measures/you-said';
import { voiceMeasures, type VoiceMeasures } from '../measures/measures';
import { heardMeasures, reachedRatio } from '../measures/heard';
import type { Ratio } from '../weekly/weekly';
import { londonDate } from '../../calendar/working-days';
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

export async function computeCpbBriefing(
  facts: CpbFacts,
  opts: { occurrence: ForumOccurrence; now: Date; promises: readonly Promise_[]; guard: TextGuard; fallbackDays?: number },
): Promise<CpbBriefing> {
  const start = new Date(opts.occurrence.start);
  const fallback = (opts.fallbackDays ?? 91) * 86_400_000;
  const prev = await facts.forums.previous('CPB', start);
  const since = prev ? new Date(prev.start) : new Date(opts.now.getTime() - fallback);
  const prevPrev = prev ? await facts.forums.previous('CPB', since) : undefined;
  const previousSince = prevPrev ? new Date(prevPrev.start) : new Date(since.getTime() - (opts.now.getTime() - since.getTime()));
  const until = opts.now < start ? opts.now : start;
  // Two board periods before those, for the four-period trend (the same length again where no board was held).
  const earlier: Date[] = [previousSince];
  for (let i = 0; i < 2; i++) {
    const at = earlier[0]!;
    const p = await facts.forums.previous('CPB', at);
    earlier.unshift(p ? new Date(p.start) : new Date(at.getTime() - (since.getTime() - previousSince.getTime())));
  }
  const [meetings, meetingsBefore, meetingsEarlier, examples, raised, closed, open, audits, cohort] = await Promise.all([
    facts.voice.forMeetingsBetween(since, until),
    facts.voice.forMeetingsBetween(previousSince, since),
    facts.voice.forMeetingsBetween(earlier[0]!, previousSince),
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
