import { harderToHearLabel } from '../../model/child';
import type { FeedbackFrom } from '../../model/feedback';
import { meetingTypeLabel } from '../../model/meeting';
import { voiceMethodLabel } from '../../model/participation';
import { percentOf, type ShownRate } from '../../safety/suppress';
import type { Audience } from '../format';
import { figureRate, figureRates, figureRow, type FigureId } from './figures';
import type { FeedbackCounts, HeardMeasures, RecordedRatio } from './heard';
import type { Fact } from '../weekly/weekly-view';

/** One plain-English sentence per measure, shown under the numbers and in docs/digests.md. */
export const HEARD_DEFINITIONS = {
  reached:
    'Views reached the meeting: the code for the meeting says the child took part or their views were passed on (PN1 to PN6), or their views were recorded and shared with the chair before it.',
  declined: 'Declined: the child chose not to share their views, a valid choice that is shown apart and never counted as heard.',
  notHeard: 'Not heard: the code says the views were not passed on (PN7), or nothing shows that the views reached the meeting.',
  underFour: 'Under 4: the code says the child was under 4 (PN0) and no views (from watching or play, say) were shared with the chair.',
  prepared: 'Prepared: the worker recorded that the child was helped to get ready for the meeting.',
  chairMet: 'Chair met the child: the chair recorded meeting the child before the meeting, as the law asks before a looked-after review (Care Planning Regulations 2010, regulation 36); a worker\'s note that the chair met them counts under how views were gathered.',
  changedPlan: "Views changed the plan: the chair recorded that the child's views changed what was decided.",
  advocacy:
    'Advocacy offered: of the meetings where advocacy must be offered (a first child protection conference for a child old enough, 5 unless the council sets another age, or a child new to care), how many had it recorded as offered before the meeting started, counted from when it was first ticked, so a later edit does not change that.',
  told: 'Told the outcome: someone recorded after the meeting that the child was told what was decided and why ("planned" does not count).',
  methods: 'Ways views were gathered: of the meetings where the ways were recorded, how many used each one (a meeting can use more than one).',
  notRecorded: '"Not recorded yet" means nobody has recorded this for these meetings, so there is no number, which is not the same as none.',
  onTime: 'Recorded before the deadline: a record saved by the report deadline, a decline included, which shows the form was in time, not that the child was heard.',
  childrenHeard: 'Children heard: children whose views reached at least one meeting in the period.',
  byGroup: "Views reached, by group: of the meetings about children in the group, how many the child's views reached, beside the same for all meetings.",
  feedbackOffered: 'Feedback offered: of the meetings held of that type, how many the worker or chair recorded that the child (or, apart, the parents) were offered a feedback form; a meeting where nobody said counts as not offered.',
  feedbackAnswered: 'Feedback answered: of those offered a form, how many answered how well they felt listened to.',
  feedbackWell: 'Listened to well: of those who answered, how many said "well" (the other answers are "partly" and "not well").',
} as const;

export type HeardDefinition = keyof typeof HEARD_DEFINITIONS;
export const definitions = (...keys: HeardDefinition[]): { text: string }[] => keys.map((k) => ({ text: HEARD_DEFINITIONS[k] }));

/** The figures one digest shows these measures under (each declared in core/digests/measures/figures.ts). */
export interface HeardFigureIds {
  outcomes: FigureId;
  prepared: FigureId;
  chairMet: FigureId;
  changedPlan: FigureId;
  methods: FigureId;
}

const NO_MEETINGS = 'no meetings';
export const NOT_RECORDED = 'not recorded yet';

/** "12 of 20 (60%)"; where it was not recorded for every meeting, how many it was recorded for. */
export function recordedText(id: FigureId, r: RecordedRatio, a: Audience): string {
  if (r.of === 0) return NO_MEETINGS;
  if (r.ratio.d === 0) return NOT_RECORDED;
  const yes = figureRate(id, r.ratio, a);
  const cover = figureRate(id, { n: r.ratio.d, d: r.of }, a);
  // Too few meetings (in a channel) to say anything: say so once, not twice.
  if (cover.denominator.value === null) return cover.text;
  if (r.ratio.d === r.of) return yes.text;
  return yes.denominator.value === null ? `recorded for ${cover.text}, too few to show` : `${yes.text} where recorded; recorded for ${cover.text}`;
}

/**
 * Views reached the meeting, declined, not heard and under 4: one row adding up to the meetings held, so
 * in a channel a lone small cell takes another with it. `reached` is its rate as shown. `months`: the same in
 * each month of a longer period, as each month's own report showed it.
 */
export function outcomeFacts(h: HeardMeasures, id: FigureId, a: Audience, months: readonly HeardMeasures[] = []): { facts: Fact[]; reached: ShownRate } {
  const cells = (x: HeardMeasures) => [x.outcomes.reached, x.outcomes.declined, x.outcomes.not_heard, x.outcomes.under_four];
  const row = figureRow(id, cells(h), a, months.map(cells));
  const of = row.total.text;
  const text = (i: number): string => {
    const c = row.cells[i]!;
    if (h.meetings === 0) return NO_MEETINGS;
    if (row.total.value === null) return `not shown (${row.total.text} meetings in all)`;
    const pct = c.value !== null && row.total.value ? ` (${percentOf(c.value, row.total.value)}%)` : '';
    return `${c.text} of ${of} meetings${pct}`;
  };
  const reached = figureRate(id, { n: h.outcomes.reached, d: h.meetings }, a);
  return {
    reached: row.cells[0]!.value === null ? { ...reached, percent: null } : reached,
    facts: [
      { title: 'Views reached the meeting', value: text(0), figure: id },
      { title: 'Declined to share views (a valid choice, not counted as heard)', value: text(1), figure: id },
      { title: 'Not heard', value: text(2), figure: id },
      { title: 'Under 4 (PN0), no views shared with the chair', value: text(3), figure: id },
    ],
  };
}

/** Prepared, chair met the child beforehand, views changed the plan: "not recorded yet" where nobody has said. */
export function aroundFacts(h: HeardMeasures, ids: HeardFigureIds, a: Audience): Fact[] {
  return [
    { title: 'Child prepared for the meeting', value: recordedText(ids.prepared, h.prepared, a), figure: ids.prepared },
    { title: 'Chair met the child beforehand', value: recordedText(ids.chairMet, h.chairMetBefore, a), figure: ids.chairMet },
    { title: "Child's views changed the plan", value: recordedText(ids.changedPlan, h.viewsChangedPlan, a), figure: ids.changedPlan },
  ];
}

/** Views reached the meeting for each harder-to-hear group's meetings, beside all meetings. */
export function groupFacts(h: HeardMeasures, id: FigureId, a: Audience): Fact[] {
  const all = figureRate(id, { n: h.outcomes.reached, d: h.meetings }, a);
  const allText = all.percent === null ? all.text : `${all.percent}%`;
  return h.byGroup.map((g) => ({ title: `Views reached: ${harderToHearLabel[g.group]}`, value: `${figureRate(id, g.ratio, a).text}; all meetings: ${allText}`, figure: id }));
}

/** Each way views were gathered, Mind of My Own first, as a share of the meetings where ways were recorded. */
export function methodFacts(h: HeardMeasures, id: FigureId, a: Audience): Fact[] {
  if (h.meetings === 0) return [{ title: 'Ways views were gathered', value: NO_MEETINGS, figure: id }];
  if (h.methods.recorded === 0) return [{ title: 'Ways views were gathered', value: NOT_RECORDED, figure: id }];
  return [
    { title: 'Meetings with the ways recorded', value: figureRate(id, { n: h.methods.recorded, d: h.meetings }, a).text, figure: id },
    ...h.methods.byMethod.map((m) => ({ title: voiceMethodLabel[m.method], value: figureRate(id, { n: m.n, d: h.methods.recorded }, a).text, figure: id })),
  ];
}

/** The figures feedback after meetings is shown under, in one digest. */
export interface FeedbackFigureIds {
  offered: FigureId;
  answered: FigureId;
  well: FigureId;
}

const feedbackWho: Record<FeedbackFrom, string> = { child: 'child', parents: 'parents' };

/**
 * Feedback after meetings, by meeting type, from the child and apart from the parents: offered, answered,
 * "listened to well". Each figure is suppressed with its siblings (the other meeting types) in a channel.
 */
export function feedbackFacts(h: HeardMeasures, ids: FeedbackFigureIds, a: Audience): Fact[] {
  const held = h.feedback.filter((t) => t.child.meetings > 0);
  if (held.length === 0) return [{ title: 'Feedback after meetings', value: NO_MEETINGS, figure: ids.offered }];
  return (['child', 'parents'] as const).flatMap((from) => {
    const counts = held.map((t) => t[from]);
    const rates = (id: FigureId, pick: (c: FeedbackCounts) => { n: number; d: number }) => figureRates(id, counts.map(pick), a);
    const offered = rates(ids.offered, (c) => ({ n: c.offered, d: c.meetings }));
    const answered = rates(ids.answered, (c) => ({ n: c.answered, d: c.offered }));
    const well = rates(ids.well, (c) => ({ n: c.well, d: c.answered }));
    // Only the types where someone recorded it; a side nobody recorded for is one line, not one per type.
    const shown = held.flatMap((t, i) => {
      const c = t[from];
      if (c.recorded === 0) return [];
      // Each share's whole is the one before's part: once a part is held back, what follows would give it away.
      const showAnswered = c.offered > 0 && offered[i]!.numerator.value !== null;
      const showWell = showAnswered && c.answered > 0 && answered[i]!.numerator.value !== null;
      const parts = [`offered ${offered[i]!.text}`, ...(showAnswered ? [`answered ${answered[i]!.text}`] : []), ...(showWell ? [`listened to well ${well[i]!.text}`] : [])];
      return [{ title: `Feedback from the ${feedbackWho[from]}: ${meetingTypeLabel[t.type]}`, value: parts.join('; '), figure: ids.offered }];
    });
    return shown.length ? shown : [{ title: `Feedback from the ${feedbackWho[from]}`, value: NOT_RECORDED, figure: ids.offered }];
  });
}
