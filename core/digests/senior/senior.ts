import type { Team } from '../../model/team';
import type { Promise_ } from '../../model/promises';
import { ParticipationModeSchema, type ParticipationMode } from '../../model/participation';
import { voiceMeasures, type VoiceMeasures } from '../measures/measures';
import { periodInstants, within } from '../period';
import type { CohortFacts, ExampleFacts, MeetingVoiceFact, TrackerFacts, VoiceFacts } from '../ports';
import type { ReportPeriod } from './report-period';
import { londonDate, londonInstant } from '../../calendar/working-days';
import { youSaidCounts, type YouSaidCounts } from '../measures/you-said';
import { DateTime } from 'luxon';
import { LONDON } from '../../calendar/working-days';
import { heardMeasures, reachedRatio } from '../measures/heard';
import type { Period } from '../period';
import type { Ratio } from '../weekly/weekly';
import { latestAgainstPrevious, type SurveyComparison } from '../../surveys';
import type { ParticipationFacts } from '../measures/participation';
import { summariseCaseAudits, type CaseAuditFacts, type CaseAuditSummary } from '../../audits';
import { monthsCovering } from '../../tracker/months';
import type { ExitStore } from '../../exits/ports';
import type { ExitRecord } from '../../exits/exit';

export interface AreaMeasures {
  id: string;
  name: string;
  now: VoiceMeasures;
  before: VoiceMeasures;
  /**
   * The same, month by month, for a period of several months (empty for one month): each month had its own
   * report, so a figure hidden there must not be worked out here as the period less the other months.
   */
  months: { now: VoiceMeasures[]; before: VoiceMeasures[] };
  examples: number;
}

/** The calendar months of a period, in order. */
const monthsIn = (q: Period): Period[] => {
  const out: Period[] = [];
  for (let a = DateTime.fromISO(q.from, { zone: LONDON }); (a.toISODate() as string) < q.to; a = a.plus({ months: 1 })) {
    out.push({ from: a.toISODate() as string, to: a.plus({ months: 1 }).toISODate() as string });
  }
  return out;
};

/** The senior managers' report, before presentation: the board's measures across teams and districts. */
export interface SeniorReport {
  period: ReportPeriod;
  /** The first day not counted: the period's end, or the start of this month while the period is under way (whole months only). */
  countedTo: string;
  overall: AreaMeasures;
  districts: AreaMeasures[];
  teams: AreaMeasures[];
  /** Team id to district, for suppressing teams together within their district. */
  teamDistricts: [string, string][];
  /** Views reached the meeting over the last four periods of the report's length, oldest first (the last is this one). */
  trend: { period: Period; reached: Ratio }[];
  /** Voice on time per month inside the period (one point for a month, twelve for a year). */
  monthly: { month: string; n: number; d: number }[];
  promises: { id: string; title: string; count: number }[];
  modes: Record<ParticipationMode, number>;
  /** "You said, we did": young people's and families' asks, not the board's own questions. */
  tracker: YouSaidCounts;
  cohort: Awaited<ReturnType<CohortFacts['groupCounts']>>;
  /** Each survey's latest results (closed by the period's end) against its previous (core/surveys). */
  surveys?: SurveyComparison[];
  /** The case-file audits sampled for the period's months, across the service (docs/audits.md). */
  audits?: CaseAuditSummary;
  /** Care episodes and pathway support that ended in the period, and what their exit conversations were (core/exits). */
  exits?: ExitMeasures;
}

/** Endings in a period: asked about, answered, offered, held, declined (each a young person). */
export interface ExitMeasures {
  ended: number;
  answered: number;
  offered: number;
  held: number;
  declined: number;
}

export const exitMeasures = (records: readonly ExitRecord[]): ExitMeasures => ({
  ended: records.length,
  answered: records.filter((r) => r.answeredAt).length,
  offered: records.filter((r) => r.offered).length,
  held: records.filter((r) => r.held === 'yes').length,
  declined: records.filter((r) => r.held === 'declined').length,
});

export interface SeniorFacts {
  voice: VoiceFacts;
  examples: ExampleFacts;
  tracker: TrackerFacts;
  cohort: CohortFacts;
  participation?: Pick<ParticipationFacts, 'surveys'>;
  caseAudits?: CaseAuditFacts;
  exits?: Pick<ExitStore, 'endedBetween'>;
}

/** Reads the period and the one before it (for the trend), nothing else. */
export async function computeSeniorReport(
  facts: SeniorFacts,
  opts: { period: ReportPeriod; now: Date; teams: readonly Team[]; promises: readonly Promise_[] },
): Promise<SeniorReport> {
  const p = opts.period;
  const at = periodInstants(p);
  const before = periodInstants(p.previous);
  // Whole months only: a period under way is counted to the start of this month (London), so two reports
  // asked days apart describe the same children; one a day apart would give away the child whose meeting
  // fell between them ("20 of 25", then "20 of 26"). The months counted are those their own reports showed.
  const monthStart = londonInstant(`${londonDate(opts.now).slice(0, 7)}-01`);
  const until = at.to <= monthStart ? at.to : monthStart > at.from ? monthStart : at.from;
  const countedTo = londonDate(until);
  // Two periods of the same length before the previous one, for the four-period trend.
  const shift = (k: number): Period => {
    const from = DateTime.fromISO(p.from, { zone: LONDON }).minus({ months: k * p.months.length });
    return { from: from.toISODate() as string, to: from.plus({ months: p.months.length }).toISODate() as string };
  };
  const older = [shift(3), shift(2)];
  const olderAt = { from: periodInstants(older[0]!).from, to: before.from };
  const [meetings, meetingsBefore, meetingsOlder, examples, raised, closed, open, cohort] = await Promise.all([
    facts.voice.forMeetingsBetween(at.from, until),
    facts.voice.forMeetingsBetween(before.from, before.to),
    facts.voice.forMeetingsBetween(olderAt.from, olderAt.to),
    facts.examples.between(at.from, until),
    facts.tracker.raisedBetween(at.from, until),
    facts.tracker.closedBetween(at.from, until),
    facts.tracker.open(),
    facts.cohort.groupCounts(until),
  ]);
  const [monthsNow, monthsBefore] = p.months.length > 1 ? [p.months, monthsIn(p.previous)] : [[], []];
  const byMonth = (ms: MeetingVoiceFact[], months: Period[], asAt: (mo: Period) => Date) =>
    months.map((mo) => voiceMeasures(ms.filter((m) => within(m.start, mo)), asAt(mo)));
  const area = (id: string, name: string, keep: (m: { teamId?: string; district?: string }) => boolean): AreaMeasures => {
    const [now, then] = [meetings.filter(keep), meetingsBefore.filter(keep)];
    return {
      id,
      name,
      now: voiceMeasures(now, opts.now),
      before: voiceMeasures(then, before.to),
      // As each month's own report measured it: a month that has ended, as at its end.
      months: { now: byMonth(now, monthsNow, (mo) => periodInstants(mo).to), before: byMonth(then, monthsBefore, (mo) => periodInstants(mo).to) },
      examples: examples.filter(keep).length,
    };
  };
  const districts = [...new Set(opts.teams.map((t) => t.district))].sort();
  const modes = Object.fromEntries(ParticipationModeSchema.options.map((m) => [m, 0])) as Record<ParticipationMode, number>;
  for (const e of examples) modes[e.mode]++;
  const onTime = (ms: MeetingVoiceFact[]) => ms.filter((m) => !!m.voiceRecordedAt && Date.parse(m.voiceRecordedAt) <= Date.parse(m.voiceDue)).length;
  const today = londonDate(opts.now);
  return {
    period: p,
    countedTo,
    overall: area('all', 'All teams', () => true),
    districts: districts.map((d) => area(d, d, (m) => m.district === d)),
    teams: opts.teams.map((t) => area(t.id, t.name, (m) => m.teamId === t.id)),
    teamDistricts: opts.teams.map((t) => [t.id, t.district]),
    trend: [
      ...older.map((o) => ({ period: o, reached: reachedRatio(heardMeasures(meetingsOlder.filter((m) => within(m.start, o)))) })),
      { period: p.previous, reached: reachedRatio(heardMeasures(meetingsBefore)) },
      { period: { from: p.from, to: p.to }, reached: reachedRatio(heardMeasures(meetings)) },
    ],
    monthly: p.months.map((mo) => {
      const ms = meetings.filter((m) => within(m.start, mo));
      return { month: mo.from.slice(0, 7), n: onTime(ms), d: ms.length };
    }),
    promises: opts.promises.map((pr) => ({ id: pr.id, title: pr.title, count: examples.filter((e) => e.promiseIds.includes(pr.id)).length })),
    modes,
    tracker: youSaidCounts({ raised, closed, open }, today),
    cohort,
    ...(facts.caseAudits ? { audits: summariseCaseAudits(await facts.caseAudits.listMonths(monthsCovering(p.from, countedTo))) } : {}),
    ...(facts.participation ? { surveys: latestAgainstPrevious(await facts.participation.surveys.list(), londonDate(until)) } : {}),
    // The period's `to` is its first day after: endings before it (and before the months still under way).
    ...(facts.exits ? { exits: exitMeasures((await facts.exits.endedBetween(p.from, p.to)).filter((r) => r.endedOn < countedTo)) } : {}),
  };
}
