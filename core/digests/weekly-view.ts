import { meetingTypeLabel } from '../model/meeting';
import { suppressRow } from '../safety/suppress';
import { countText, countValue, dayText, periodText, rateFor, SUPPRESSION_NOTE, threshold, weekLabel, type Audience } from './format';
import type { WeeklyDigest } from './weekly';

export interface Fact {
  title: string;
  value: string;
}

/** The weekly digest as the card shows it: every string final, every number already safe for the audience. */
export interface WeeklyDigestView {
  title: string;
  period: string;
  audienceNote: string;
  headline: Fact[];
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
}

/** Presents a team's weekly digest for a manager (1:1: exact, cases by reference) or a team channel (aggregate). */
export function presentWeekly(d: WeeklyDigest, opts: { audience: Audience; teamName: string }): WeeklyDigestView {
  const a = opts.audience;
  const rate = (r: WeeklyDigest['voiceOnTime']) => rateFor(r, a);
  const withVoice = d.upcomingTotal - d.upcomingWithout.length;
  // "without" beside its total would give away "with": suppress the pair together in channels.
  const withoutText = a.kind === 'channel' ? suppressRow([d.upcomingWithout.length, withVoice], threshold(a)).cells[0]!.text : String(d.upcomingWithout.length);
  return {
    title: `Weekly digest: ${opts.teamName}`,
    period: `Last week: ${periodText(d.lastWeek.from, d.lastWeek.to)}. Coming up: ${periodText(d.ahead.from, d.ahead.to)}.`,
    audienceNote:
      a.kind === 'person'
        ? "Your team's meetings, by case reference. Please don't forward this to a channel."
        : `Team totals only. ${SUPPRESSION_NOTE(threshold(a))}`,
    headline: [
      { title: 'Voice recorded before the report deadline (last week)', value: rate(d.voiceOnTime).text },
      { title: 'Meetings in the next two weeks', value: countText(d.upcomingTotal, a) },
      { title: "...still without the child's voice", value: withoutText },
      { title: 'Managers told a voice was missing (last week)', value: countText(d.escalations, a) },
      { title: 'Advocacy offered where required (last week)', value: rate(d.advocacy).text },
      { title: 'Children told the outcome (last week’s meetings, so far)', value: rate(d.toldOutcome).text },
    ],
    trendTitle: "Voice recorded before the deadline, % of each week's meetings",
    trendPoints: d.trend.flatMap((w) => {
      const p = rate(w.ratio).percent;
      return p === null ? [] : [{ x: weekLabel(w.weekStart), y: p }];
    }),
    trendRows: d.trend.map((w) => ({ title: weekLabel(w.weekStart), value: rate(w.ratio).text })),
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
    examplesBars: d.examplesByPromise.flatMap((e) => {
      const v = countValue(e.count, a);
      return v === null ? [] : [{ x: e.title, y: v }];
    }),
    examplesRows: d.examplesByPromise.map((e) => ({ title: e.title, value: countText(e.count, a) })),
    tracker: [
      { title: '"You said, we did" actions due in the next two weeks', value: countText(d.tracker.dueSoon, a) },
      { title: '...overdue', value: countText(d.tracker.overdue, a) },
    ],
  };
}
