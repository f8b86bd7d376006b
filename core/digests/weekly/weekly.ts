import type { Promise_ } from '../../model/promises';
import type { MeetingType } from '../../model/meeting';
import type { IsoDate } from '../../calendar/working-days';
import { londonDate } from '../../calendar/working-days';
import type { ExampleFacts, MeetingVoiceFact, TrackerFacts, VoiceFacts } from '../ports';
import { periodInstants, shiftDate, within, type Period } from '../period';
import { daysLate } from '../measures/attention';
import { heardMeasures, reachedRatio, type HeardMeasures } from '../measures/heard';
import { summariseCaseAudits, type CaseAuditFacts, type CaseAuditSummary } from '../../audits';

/** "n of d": the digests' unit of measure, suppressed or not only when presented. */
export interface Ratio {
  n: number;
  d: number;
}

export interface UpcomingMeeting {
  childRef: string;
  type: MeetingType;
  start: string;
  voiceDue: string;
  /** The report deadline has already passed. */
  pastDue: boolean;
}

/** The weekly manager digest for one team, before presentation. */
export interface WeeklyDigest {
  teamId: string;
  weekStart: IsoDate;
  lastWeek: Period;
  ahead: Period;
  /** Last week's meetings with the voice recorded by the report deadline. */
  voiceOnTime: Ratio;
  /** The four weeks up to last week, oldest first (the last is last week): voice in time, and views that reached the meeting. */
  trend: { weekStart: IsoDate; ratio: Ratio; reached: Ratio }[];
  /** Whether last week's children were heard: views reached the meeting, declined, not heard, and around it. */
  heard: HeardMeasures;
  /** The next two weeks' meetings: how many, and those still without the child's voice. */
  upcomingTotal: number;
  upcomingWithout: UpcomingMeeting[];
  /** Managers told last week that a voice was missing. */
  escalations: number;
  /** Last week's meetings where advocacy was required: offered before the meeting. */
  advocacy: Ratio;
  /** Last week's meetings whose child has been told the outcome, so far. */
  toldOutcome: Ratio;
  examplesByPromise: { promiseId: string; title: string; count: number }[];
  tracker: { dueSoon: number; overdue: number; /** Days each overdue item is late. */ overdueDays: number[] };
  /** This month's case-file audits of the team (docs/audits.md); absent when the digest is not given them. */
  audits?: CaseAuditSummary & { month: string };
}

export interface WeeklyFacts {
  voice: VoiceFacts;
  examples: ExampleFacts;
  tracker: TrackerFacts;
  /** Case-file audits of voice (docs/audits.md). */
  caseAudits?: CaseAuditFacts;
}

const TREND_WEEKS = 4;
const before = (a: string | undefined, b: string): boolean => !!a && Date.parse(a) <= Date.parse(b);

const ratio = (ms: readonly MeetingVoiceFact[], ok: (m: MeetingVoiceFact) => boolean): Ratio => ({
  n: ms.filter(ok).length,
  d: ms.length,
});

/** Voice recorded (a recorded decline counts: it is a valid outcome) by the report deadline. */
export const voiceOnTime = (m: MeetingVoiceFact): boolean => before(m.voiceRecordedAt, m.voiceDue);

/**
 * Computes the weekly digest for each team from one read of the period it reports: the four weeks before
 * `weekStart` (last week and its trend) and the two weeks ahead. `now` decides what is overdue.
 */
export async function computeWeeklyDigests(
  facts: WeeklyFacts,
  opts: { weekStart: IsoDate; now: Date; teamIds: readonly string[]; promises: readonly Promise_[] },
): Promise<Map<string, WeeklyDigest>> {
  const { weekStart, now } = opts;
  const lastWeek: Period = { from: shiftDate(weekStart, -7), to: weekStart };
  const ahead: Period = { from: weekStart, to: shiftDate(weekStart, 14) };
  const read: Period = { from: shiftDate(weekStart, -7 * TREND_WEEKS), to: ahead.to };
  const readAt = periodInstants(read);
  const lastAt = periodInstants(lastWeek);
  const today = londonDate(now);
  const month = today.slice(0, 7);
  const [meetings, examples, open, audits] = await Promise.all([
    facts.voice.forMeetingsBetween(readAt.from, readAt.to),
    facts.examples.between(lastAt.from, lastAt.to),
    facts.tracker.open(),
    facts.caseAudits?.listMonths([month]),
  ]);
  const out = new Map<string, WeeklyDigest>();
  for (const teamId of opts.teamIds) {
    const mine = meetings.filter((m) => m.teamId === teamId);
    const held = mine.filter((m) => within(m.start, lastWeek));
    const coming = mine.filter((m) => within(m.start, ahead)).sort((a, b) => a.start.localeCompare(b.start));
    const trend = Array.from({ length: TREND_WEEKS }, (_, i) => {
      const w: Period = { from: shiftDate(weekStart, -7 * (TREND_WEEKS - i)), to: shiftDate(weekStart, -7 * (TREND_WEEKS - i - 1)) };
      const week = mine.filter((m) => within(m.start, w));
      return { weekStart: w.from, ratio: ratio(week, voiceOnTime), reached: reachedRatio(heardMeasures(week)) };
    });
    const teamExamples = examples.filter((e) => e.teamId === teamId);
    // The team's items and those its people own (an officer's item for one of them), as the manager's `my actions` lists them.
    const teamOpen = open.filter((t) => (t.teamId === teamId || t.ownerTeamId === teamId) && t.status === 'open');
    out.set(teamId, {
      teamId,
      weekStart,
      lastWeek,
      ahead,
      voiceOnTime: ratio(held, voiceOnTime),
      trend,
      heard: heardMeasures(held),
      upcomingTotal: coming.length,
      upcomingWithout: coming
        .filter((m) => !m.voiceRecordedAt)
        .map((m) => ({ childRef: m.childRef, type: m.type, start: m.start, voiceDue: m.voiceDue, pastDue: Date.parse(m.voiceDue) < now.getTime() })),
      escalations: mine.filter((m) => within(m.escalatedAt, lastWeek)).length,
      advocacy: ratio(held.filter((m) => m.advocacyRequired), (m) => before(m.advocacyOfferedAt, m.start)),
      toldOutcome: ratio(held, (m) => before(m.toldOutcomeAt, now.toISOString())),
      examplesByPromise: opts.promises.map((p) => ({
        promiseId: p.id,
        title: p.title,
        count: teamExamples.filter((e) => e.promiseIds.includes(p.id)).length,
      })),
      tracker: {
        dueSoon: teamOpen.filter((t) => t.due >= today && t.due < ahead.to).length,
        overdue: teamOpen.filter((t) => t.due < today).length,
        overdueDays: teamOpen.filter((t) => t.due < today).map((t) => daysLate(t.due, today)),
      },
      ...(audits ? { audits: { month, ...summariseCaseAudits(audits.filter((a) => a.teamId === teamId)) } } : {}),
    });
  }
  return out;
}
