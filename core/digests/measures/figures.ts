import { exactRate, showCount, suppressedRate, suppressRates, suppressRow, type ShownCount, type ShownRate } from '../../safety/suppress';
import { threshold, type Audience } from '../format';
import type { Ratio } from '../weekly/weekly';

/**
 * What a figure counts: children or people (suppressed in channels, DOMAIN.md), or the council's own
 * records (examples, "You said" items, forums, actions, audits: exact everywhere, they describe no child).
 */
export const FigureKindValues = ['children', 'records'] as const;
export type FigureKind = (typeof FigureKindValues)[number];

/**
 * Every figure a digest can show, declared once with its kind. A view can only show a figure through the
 * functions below, by one of these ids, so a new figure cannot reach a channel without saying what it counts.
 * Rates on meetings are rates on children (each meeting is about one child).
 */
export const FIGURES = {
  'weekly.voice-on-time': 'children',
  'weekly.voice-trend': 'children',
  'weekly.meetings-ahead': 'children',
  'weekly.meetings-without-voice': 'children',
  'weekly.managers-told': 'children',
  'weekly.advocacy': 'children',
  'weekly.told-outcome': 'children',
  'weekly.heard-outcomes': 'children',
  'weekly.heard-trend': 'children',
  'weekly.prepared': 'children',
  'weekly.chair-met-before': 'children',
  'weekly.views-changed-plan': 'children',
  'weekly.methods': 'children',
  'weekly.examples-per-promise': 'records',
  'weekly.items-due-soon': 'records',
  'weekly.items-overdue': 'records',
  'cicc.items-done': 'records',
  'cicc.items-open': 'records',
  'cicc.items-not-possible': 'records',
  'cicc.items-others': 'records',
  'cicc.examples-per-promise': 'records',
  'cpb.examples-per-promise': 'records',
  'cpb.examples-by-mode': 'records',
  'cpb.voice-by-meeting-type': 'children',
  'cpb.voice-all-meetings': 'children',
  'cpb.advocacy': 'children',
  'cpb.told-outcome': 'children',
  'cpb.heard-outcomes': 'children',
  'cpb.heard-trend': 'children',
  'cpb.prepared': 'children',
  'cpb.chair-met-before': 'children',
  'cpb.views-changed-plan': 'children',
  'cpb.methods': 'children',
  'cpb.heard-by-meeting-type': 'children',
  'cpb.heard-by-group': 'children',
  'cpb.items-raised': 'records',
  'cpb.items-done': 'records',
  'cpb.items-not-possible': 'records',
  'cpb.items-overdue': 'records',
  'cpb.children-heard': 'children',
  'cpb.children-in-cohort': 'children',
  'cpb.group-share': 'children',
  'senior.voice-all-meetings': 'children',
  'senior.voice-by-month': 'children',
  'senior.voice-by-district': 'children',
  'senior.voice-by-team': 'children',
  'senior.advocacy': 'children',
  'senior.told-outcome': 'children',
  'senior.heard-outcomes': 'children',
  'senior.heard-trend': 'children',
  'senior.prepared': 'children',
  'senior.chair-met-before': 'children',
  'senior.views-changed-plan': 'children',
  'senior.methods': 'children',
  'senior.heard-by-meeting-type': 'children',
  'senior.heard-by-group': 'children',
  'senior.examples': 'records',
  'senior.examples-per-promise': 'records',
  'senior.examples-by-mode': 'records',
  'senior.items-raised': 'records',
  'senior.items-done': 'records',
  'senior.items-not-possible': 'records',
  'senior.items-overdue': 'records',
  'senior.children-heard': 'children',
  'senior.children-in-cohort': 'children',
  'senior.group-share': 'children',
  // Surveys (share agreeing of those answering: young people) and group activities (core/digests/measures/participation-view.ts).
  'cpb.survey-agreeing': 'children',
  'cpb.activities': 'records',
  'cpb.activity-young-people': 'children',
  'cpb.activity-hours': 'records',
  'cpb.activity-recognised': 'children',
  'cpb.activity-promises': 'records',
  'senior.survey-agreeing': 'children',
  // Feedback after meetings, by meeting type (core/digests/measures/heard-view.ts feedbackFacts): children and parents.
  'senior.feedback-offered': 'children',
  'senior.feedback-answered': 'children',
  'senior.feedback-listened-well': 'children',
  'weekly.feedback-offered': 'children',
  'weekly.feedback-answered': 'children',
  'weekly.feedback-listened-well': 'children',
  // Exit conversations (core/exits): endings are young people, so small numbers are suppressed.
  'senior.exit-endings': 'children',
  'senior.exit-offered': 'children',
  'senior.exit-held': 'children',
  'cicc.activity-young-people': 'children',
  // Case-file audits of voice: each audit is one child's case file (docs/audits.md).
  'weekly.audits-sampled': 'children',
  'weekly.audits-done': 'children',
  'weekly.audits-not-done': 'children',
  'weekly.audit-grades': 'children',
  'senior.audits-sampled': 'children',
  'senior.audits-done': 'children',
  'senior.audits-not-done': 'children',
  'senior.audit-grades': 'children',
} as const satisfies Record<string, FigureKind>;
export type FigureId = keyof typeof FIGURES;

const hides = (id: FigureId, a: Audience): boolean => FIGURES[id] === 'children' && a.kind === 'channel';

/** A count as this audience may see it: suppressed only when it counts children and goes to a channel. */
export const figureCount = (id: FigureId, n: number, a: Audience): ShownCount =>
  hides(id, a) ? showCount(n, threshold(a)) : { value: n, text: String(n) };

/** "n of d" as this audience may see it. */
export const figureRate = (id: FigureId, r: Ratio, a: Audience): ShownRate =>
  hides(id, a) ? suppressedRate(r.n, r.d, threshold(a)) : exactRate(r.n, r.d);

/**
 * A row of counts adding up to a shown total (primary and secondary suppression for children).
 * `months`: for a period of several months, the row in each month, as the months' own reports showed it.
 */
export const figureRow = (id: FigureId, cells: readonly number[], a: Audience, months: readonly (readonly number[])[] = []): { cells: ShownCount[]; total: ShownCount } =>
  hides(id, a)
    ? suppressRow(cells, threshold(a), months)
    : { cells: cells.map((c) => ({ value: c, text: String(c) })), total: { value: cells.reduce((x, y) => x + y, 0), text: String(cells.reduce((x, y) => x + y, 0)) } };

/**
 * Sibling rates adding up to a total (meeting types, teams in a district): suppressed together for children.
 * `months`: for a period of several months, the rows in each month, as the months' own reports showed them.
 */
export const figureRates = (id: FigureId, rows: readonly Ratio[], a: Audience, months: readonly (readonly Ratio[])[] = []): ShownRate[] =>
  hides(id, a) ? suppressRates(rows, threshold(a), months) : rows.map((r) => exactRate(r.n, r.d));

/**
 * A figure worked out from counts of children shown beside it (the hours of young people's time, the young
 * people thanked): held back in a channel whenever one of those counts is, or the hidden count could be
 * worked back from it ("1 activity, fewer than 5 young people, 9 hours" of a 3-hour training is 3).
 */
export const figureFrom = (id: FigureId, n: number, from: readonly ShownCount[], a: Audience): ShownCount =>
  a.kind === 'channel' && from.some((c) => c.value === null) ? { value: null, text: HELD_BACK } : figureCount(id, n, a);

/** How a figure held back with a hidden count reads on the card. */
export const HELD_BACK = 'held back';

/** The channel audience for a digest that only ever goes to channels (board, senior managers). */
export const channelAudience = (t?: number): Audience => ({ kind: 'channel', threshold: t });
