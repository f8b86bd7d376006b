import { meetingTypeLabel } from '../../model/meeting';
import { attentionLine, fallsOf, itemsWord, NOTHING_NEEDS_ATTENTION, overdueByAge, topAttention, type AttentionLine, type AttentionSettings } from '../measures/attention';
import { dayText, periodText, SUPPRESSION_NOTE, threshold, weekLabel, type Audience } from '../format';
import { figureCount, figureRate, figureRow, type FigureId } from '../measures/figures';
import type { WeeklyDigest } from './weekly';
import { aroundFacts, definitions, feedbackFacts, methodFacts, outcomeFacts, type FeedbackFigureIds, type HeardFigureIds } from '../measures/heard-view';
import { auditFacts, auditNotes, WEEKLY_AUDIT_IDS } from '../measures/audits-view';
import { DateTime } from 'luxon';

export interface Fact {
  title: string;
  value: string;
  /** The declared figure this value shows (core/digests/measures/figures.ts); absent on text-only facts. */
  figure?: FigureId;
}

/** The weekly digest as the card shows it: every string final, every number already safe for the audience. */
export interface WeeklyDigestView {
  title: string;
  period: string;
  audienceNote: string;
  attentionTitle: string;
  attention: AttentionLine[];
  attentionEmpty: string;
  headline: Fact[];
  /** Were last week's children heard: the numbers, then what each counts in plain words. */
  heardTitle: string;
  heardIntro: string;
  heard: Fact[];
  heardTrendTitle: string;
  heardTrend: Fact[];
  methodsTitle: string;
  methods: Fact[];
  heardNotes: { text: string }[];
  trendTitle: string;
  trendPoints: { x: string; y: number }[];
  trendRows: Fact[];
  upcomingSummary: string;
  /** Case-level rows: only ever filled for the manager's own team in 1:1. */
  upcomingRows: { ref: string; meeting: string; date: string; due: string; status: string }[];
  examplesTitle: string;
  examplesBars: { x: string; y: number }[];
  examplesRows: Fact[];
  tracker: Fact[];
  /** This month's case-file audits of the team's children (empty: none sampled, nothing shown). */
  auditsTitle: string;
  audits: Fact[];
  auditNotes: { text: string }[];
}

/** Presents a team's weekly digest for a manager (1:1: exact, cases by reference) or a team channel (aggregate). */
const HEARD_IDS: HeardFigureIds = {
  outcomes: 'weekly.heard-outcomes',
  prepared: 'weekly.prepared',
  chairMet: 'weekly.chair-met-before',
  changedPlan: 'weekly.views-changed-plan',
  methods: 'weekly.methods',
};
const FEEDBACK_IDS: FeedbackFigureIds = { offered: 'weekly.feedback-offered', answered: 'weekly.feedback-answered', well: 'weekly.feedback-listened-well' };

export function presentWeekly(d: WeeklyDigest, opts: { audience: Audience; teamName: string } & AttentionSettings): WeeklyDigestView {
  const a = opts.audience;
  const outcomes = outcomeFacts(d.heard, HEARD_IDS.outcomes, a);
  const withVoice = d.upcomingTotal - d.upcomingWithout.length;
  // "without" beside its total would give away "with": suppress the pair together in channels.
  const withoutText = figureRow('weekly.meetings-without-voice', [d.upcomingWithout.length, withVoice], a).cells[0]!.text;
  const trendTitle = "Voice recorded before the deadline, % of each week's meetings";
  const [, , weekBefore, lastWeek] = d.trend;
  const falls = weekBefore && lastWeek
    ? fallsOf([{ label: 'Voice recorded before the deadline fell last week:', now: figureRate('weekly.voice-trend', lastWeek.ratio, a), before: figureRate('weekly.voice-trend', weekBefore.ratio, a) }], opts.fallPoints)
    : [];
  const late = d.upcomingWithout.filter((u) => u.pastDue).length;
  // Past the deadline and not yet past it add up to "without" above: suppress the pair together.
  const lateShown = figureRow('weekly.meetings-without-voice', [late, d.upcomingWithout.length - late], a).cells[0]!;
  const noAdvocacy = d.advocacy.d - d.advocacy.n;
  const attention = topAttention([
    falls.length ? attentionLine(`${falls[0]}.`, { id: 'trend', title: 'Voice recorded before the deadline' }) : undefined,
    late ? attentionLine(`${lateShown.text === 'not shown' ? 'Some' : lateShown.text} ${late === 1 && lateShown.value !== null ? 'meeting' : 'meetings'} in the next two weeks ${late === 1 && lateShown.value !== null ? 'has' : 'have'} passed the report deadline without the child's voice.`, { id: 'upcoming', title: 'Meetings coming up' }) : undefined,
    noAdvocacy ? attentionLine(`Advocacy was not offered before ${figureCount('weekly.advocacy', noAdvocacy, a).text} of last week's meetings where it was required.`, { id: 'headline', title: 'Advocacy offered where required (last week)' }) : undefined,
    d.tracker.overdue ? attentionLine(`${itemsWord(d.tracker.overdue)} overdue: ${overdueByAge(d.tracker.overdueDays)}.`, { id: 'tracker', title: '"You said, we did"' }) : undefined,
  ]);
  return {
    title: `Weekly digest: ${opts.teamName}`,
    period: `Last week: ${periodText(d.lastWeek.from, d.lastWeek.to)}. Coming up: ${periodText(d.ahead.from, d.ahead.to)}.`,
    audienceNote:
      a.kind === 'person'
        ? "Your team's meetings, by case reference. Please don't forward this to a channel."
        : `Team totals only. ${SUPPRESSION_NOTE(threshold(a))}`,
    attentionTitle: 'Needs your attention',
    attention,
    attentionEmpty: attention.length ? '' : NOTHING_NEEDS_ATTENTION,
    headline: [
      { title: 'Views recorded before the report deadline, a decline included (last week)', value: figureRate('weekly.voice-on-time', d.voiceOnTime, a).text, figure: 'weekly.voice-on-time' },
      { title: 'Meetings in the next two weeks', value: figureCount('weekly.meetings-ahead', d.upcomingTotal, a).text, figure: 'weekly.meetings-ahead' },
      { title: "...still without the child's voice", value: withoutText, figure: 'weekly.meetings-without-voice' },
      { title: 'Managers told a voice was missing (last week)', value: figureCount('weekly.managers-told', d.escalations, a).text, figure: 'weekly.managers-told' },
      { title: 'Advocacy offered where required (last week)', value: figureRate('weekly.advocacy', d.advocacy, a).text, figure: 'weekly.advocacy' },
    ],
    heardTitle: "Were children heard? (last week's meetings)",
    heardIntro: 'Whether the child’s views reached the meeting, not whether a form was filled in.',
    heard: [
      ...outcomes.facts,
      ...aroundFacts(d.heard, HEARD_IDS, a),
      { title: 'Child told the outcome (so far)', value: figureRate('weekly.told-outcome', d.toldOutcome, a).text, figure: 'weekly.told-outcome' },
      ...feedbackFacts(d.heard, FEEDBACK_IDS, a),
    ],
    heardTrendTitle: 'Views reached the meeting, week by week',
    heardTrend: d.trend.map((w) => ({ title: weekLabel(w.weekStart), value: figureRate('weekly.heard-trend', w.reached, a).text, figure: 'weekly.heard-trend' })),
    methodsTitle: 'How views were gathered',
    methods: methodFacts(d.heard, HEARD_IDS.methods, a),
    heardNotes: definitions('reached', 'declined', 'notHeard', 'underFour', 'prepared', 'chairMet', 'changedPlan', 'told', 'feedbackOffered', 'feedbackAnswered', 'feedbackWell', 'methods', 'notRecorded', 'onTime', 'advocacy'),
    trendTitle,
    trendPoints: d.trend.flatMap((w) => {
      const p = figureRate('weekly.voice-trend', w.ratio, a).percent;
      return p === null ? [] : [{ x: weekLabel(w.weekStart), y: p }];
    }),
    trendRows: d.trend.map((w) => ({ title: weekLabel(w.weekStart), value: figureRate('weekly.voice-trend', w.ratio, a).text, figure: 'weekly.voice-trend' })),
    upcomingSummary:
      d.upcomingWithout.length === 0
        ? "Every meeting in the next two weeks has the child's voice recorded."
        : a.kind === 'person'
          ? "These meetings don't have the child's voice recorded yet:"
          : "Some meetings in the next two weeks don't have the child's voice recorded yet. The manager has the list.",
    upcomingRows:
      a.kind === 'person'
        ? d.upcomingWithout.map((u) => ({
            ref: u.childRef,
            meeting: meetingTypeLabel[u.type],
            date: dayText(u.start),
            due: dayText(u.voiceDue),
            status: u.pastDue ? 'Deadline passed' : 'Due',
          }))
        : [],
    examplesTitle: 'Participation examples last week, by promise',
    examplesBars: d.examplesByPromise.flatMap((e) => (e.count === 0 ? [] : [{ x: e.title, y: figureCount('weekly.examples-per-promise', e.count, a).value ?? 0 }])),
    examplesRows: d.examplesByPromise.map((e) => ({ title: e.title, value: figureCount('weekly.examples-per-promise', e.count, a).text, figure: 'weekly.examples-per-promise' })),
    tracker: [
      { title: '"You said, we did" actions due in the next two weeks', value: figureCount('weekly.items-due-soon', d.tracker.dueSoon, a).text, figure: 'weekly.items-due-soon' },
      { title: '...overdue', value: figureCount('weekly.items-overdue', d.tracker.overdue, a).text, figure: 'weekly.items-overdue' },
    ],
    auditsTitle: d.audits ? `Case-file audits of the child's voice, ${DateTime.fromISO(`${d.audits.month}-01`).toFormat('LLLL yyyy')}` : '',
    audits: d.audits ? auditFacts(d.audits, WEEKLY_AUDIT_IDS, a) : [],
    auditNotes: d.audits?.sampled ? auditNotes() : [],
  };
}
