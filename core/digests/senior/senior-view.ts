import { DateTime } from 'luxon';
import { participationModeLabel, ParticipationModeSchema } from '../../model/participation';
import { DEFAULT_THRESHOLD, type ShownRate } from '../../safety/suppress';
import { attentionLine, fallsOf, itemsWord, NOTHING_NEEDS_ATTENTION, overdueByAge, topAttention, type AttentionLine, type AttentionSettings } from '../measures/attention';
import { numbered, representation, trendOf, type AskAboutThis, type CpbSectionView } from '../cpb/cpb-view';
import { channelAudience, figureCount, figureRate, figureRates, figureRow, type FigureId } from '../measures/figures';
import { SUPPRESSION_NOTE } from '../format';
import { aroundFacts, definitions, feedbackFacts, groupFacts, methodFacts, outcomeFacts, type FeedbackFigureIds, type HeardFigureIds } from '../measures/heard-view';
import { meetingTypeLabel } from '../../model/meeting';

/** "Oct 2026" or "Jan 2025 to Dec 2025": whole months, never a full date (a day, month and year years ago reads as a birth date). */
const monthsText = (p: { from: string; to: string }): string => {
  const a = DateTime.fromISO(p.from, { zone: 'Europe/London' });
  const b = DateTime.fromISO(p.to, { zone: 'Europe/London' }).minus({ months: 1 });
  return a.hasSame(b, 'month') ? a.toFormat('LLL yyyy') : `${a.toFormat('LLL yyyy')} to ${b.toFormat('LLL yyyy')}`;
};

/** Said in words when the period is not over: only its whole months are counted, and why. */
const underWay = (r: SeniorReport): string => {
  if (r.countedTo >= r.period.to) return '';
  const counted = r.countedTo > r.period.from ? `It counts ${monthsText({ from: r.period.from, to: r.countedTo })} only, the whole months so far` : 'Nothing from it is counted yet';
  const month = DateTime.fromISO(r.countedTo, { zone: 'Europe/London' });
  return ` ${r.period.label} is not over yet. ${counted}: reports asked for on different days must count the same children, or one could be compared with another to pick out a child. ${month.toFormat('LLLL yyyy')} is counted from ${month.plus({ months: 1 }).toFormat('d LLLL yyyy')}.`;
};

const HEARD_IDS: HeardFigureIds = {
  outcomes: 'senior.heard-outcomes',
  prepared: 'senior.prepared',
  chairMet: 'senior.chair-met-before',
  changedPlan: 'senior.views-changed-plan',
  methods: 'senior.methods',
};
const FEEDBACK_IDS: FeedbackFigureIds = { offered: 'senior.feedback-offered', answered: 'senior.feedback-answered', well: 'senior.feedback-listened-well' };
import type { AreaMeasures, SeniorReport } from './senior';
import type { VoiceMeasures } from '../measures/measures';
import type { Ratio } from '../weekly/weekly';
import { periodNoun } from './report-period';
import { surveySection } from '../measures/participation-view';
import { auditFacts, auditNotes, SENIOR_AUDIT_IDS } from '../measures/audits-view';

export interface SeniorSectionView extends CpbSectionView {
  /** Chart.Line points (the monthly trend). */
  line: { x: string; y: number }[];
  lineTitle: string;
}

export interface SeniorReportView {
  title: string;
  period: string;
  note: string;
  attentionTitle: string;
  attention: AttentionLine[];
  attentionEmpty: string;
  sections: SeniorSectionView[];
  /** The annual-report export (empty: no button). */
  exportUrl: string;
}

/** Presents the senior managers' report for the SMT channel: aggregate, suppressed, with the trend. */
export function presentSenior(r: SeniorReport, opts: { now: Date; threshold?: number; exportUrl?: string } & AttentionSettings): SeniorReportView {
  const t = opts.threshold ?? DEFAULT_THRESHOLD;
  const a = channelAudience(t);
  const reportRef = `${r.period.kind}:${r.period.from}`;
  const ask = (section: string): AskAboutThis => ({ verb: 'digest.ask', digest: 'senior', section, ref: reportRef });
  const section = (s: Pick<SeniorSectionView, 'id' | 'title' | 'intro' | 'facts'> & Partial<SeniorSectionView>): SeniorSectionView => ({
    bars: [], barsTitle: '', donut: [], lines: [], notes: [], line: [], lineTitle: '', ask: ask(s.id), ...s,
  });
  // The rows again in each month of the period, as the months' own reports showed them (none for one month).
  const inMonths = (rows: AreaMeasures[], when: 'now' | 'before', pick: (v: VoiceMeasures) => Ratio): Ratio[][] =>
    (rows[0]?.months[when] ?? []).map((_, k) => rows.map((x) => pick(x.months[when][k]!)));
  /** A service-wide rate now and before, held back where the months' own reports would give away a month. */
  const serviceTrend = (id: FigureId, pick: (v: VoiceMeasures) => Ratio) => {
    const [now] = figureRates(id, [pick(r.overall.now)], a, inMonths([r.overall], 'now', pick));
    const [before] = figureRates(id, [pick(r.overall.before)], a, inMonths([r.overall], 'before', pick));
    return { now: now!, before: before!, text: trendOf(now!, before!) };
  };
  // Areas add up to their parent (teams to a district, districts to the service): suppress siblings together.
  const shownRates = (id: 'senior.voice-by-district' | 'senior.voice-by-team', areas: AreaMeasures[], groupOf: (x: AreaMeasures) => string) => {
    const out = new Map<string, { now: ShownRate; before: ShownRate }>();
    for (const g of new Set(areas.map(groupOf))) {
      const sibs = areas.filter((x) => groupOf(x) === g);
      const now = figureRates(id, sibs.map((x) => x.now.all), a, inMonths(sibs, 'now', (v) => v.all));
      const before = figureRates(id, sibs.map((x) => x.before.all), a, inMonths(sibs, 'before', (v) => v.all));
      sibs.forEach((x, i) => out.set(x.id, { now: now[i]!, before: before[i]! }));
    }
    return out;
  };
  const districtOf = new Map(r.teamDistricts);
  const districtRates = shownRates('senior.voice-by-district', r.districts, () => 'all');
  const teamRates = shownRates('senior.voice-by-team', r.teams, (x) => districtOf.get(x.id) ?? '');
  const areaFacts = (areas: AreaMeasures[], rates: Map<string, { now: ShownRate; before: ShownRate }>, figure: FigureId) =>
    areas.map((x) => ({ title: x.name, value: trendOf(rates.get(x.id)!.now, rates.get(x.id)!.before), figure }));
  const areaBars = (areas: AreaMeasures[], rates: Map<string, { now: ShownRate; before: ShownRate }>) =>
    areas.flatMap((a) => {
      const p = rates.get(a.id)!.now.percent;
      return p === null ? [] : [{ x: a.name, y: p }];
    });
  const modes = figureRow('senior.examples-by-mode', ParticipationModeSchema.options.map((m) => r.modes[m]), a);
  const o = r.overall;
  const heard = o.now.heard;
  const h = heard.children;
  const outcomes = outcomeFacts(heard, HEARD_IDS.outcomes, a, o.months.now.map((v) => v.heard));
  const byType = (v: VoiceMeasures) => v.heard.byType.map((x) => x.ratio);
  const heardTypesNow = figureRates('senior.heard-by-meeting-type', byType(o.now), a, o.months.now.map(byType));
  const heardTypesBefore = figureRates('senior.heard-by-meeting-type', byType(o.before), a, o.months.before.map(byType));
  const heardTrend = r.trend.map((x) => ({ ...x, shown: figureRate('senior.heard-trend', x.reached, a) }));
  // Each month as its own report showed it (holding another back here would hide nothing: it was posted). A
  // lone small month is kept from being the total less the others by holding the total back (serviceTrend).
  const monthlyRates = r.monthly.map((m) => figureRate('senior.voice-by-month', m, a));
  const voice = serviceTrend('senior.voice-all-meetings', (v) => v.all);
  const advocacy = serviceTrend('senior.advocacy', (v) => v.advocacy);
  const told = serviceTrend('senior.told-outcome', (v) => v.toldOutcome);
  const groups = representation(h, r.cohort, heard.met, 'senior.group-share', t, opts.gapPoints);
  const { sections, ref } = numbered([
      section({
        id: 'overview',
        title: 'Across the service',
        intro: 'Views recorded in time (forms, not children heard: see 2), advocacy, examples and "You said, we did". This period; before, where shown.',
        facts: [
          { title: 'Views recorded before the report deadline (a decline included)', value: voice.text, figure: 'senior.voice-all-meetings' },
          { title: 'Advocacy offered where required', value: advocacy.text, figure: 'senior.advocacy' },
          { title: 'Participation examples', value: figureCount('senior.examples', o.examples, a).text, figure: 'senior.examples' },
          { title: '"You said" raised', value: figureCount('senior.items-raised', r.tracker.raised, a).text, figure: 'senior.items-raised' },
          { title: '"We did" (done)', value: figureCount('senior.items-done', r.tracker.done, a).text, figure: 'senior.items-done' },
          { title: 'Not possible, and told why', value: figureCount('senior.items-not-possible', r.tracker.notPossible, a).text, figure: 'senior.items-not-possible' },
          { title: 'Overdue now', value: figureCount('senior.items-overdue', r.tracker.overdue, a).text, figure: 'senior.items-overdue' },
        ],
        notes: definitions('onTime', 'advocacy'),
      }),
      section({
        id: 'heard',
        title: 'Were children heard at their meetings?',
        intro: `Meetings held in the ${periodNoun[r.period.kind]}: whether the child’s views reached the meeting, not whether a form was filled in. Then by meeting type (this ${periodNoun[r.period.kind]}; before), and the last four ${periodNoun[r.period.kind]}s.`,
        facts: [
          ...outcomes.facts,
          // A type held in neither period says nothing: left out (the rates were suppressed with it among them).
        ...heard.byType.flatMap((v, i) => (v.ratio.d === 0 && o.before.heard.byType[i]!.ratio.d === 0 ? [] : [{ title: `Views reached: ${meetingTypeLabel[v.type]}`, value: trendOf(heardTypesNow[i]!, heardTypesBefore[i]!), figure: 'senior.heard-by-meeting-type' as const }])),
          ...heardTrend.map((x) => ({ title: `Views reached: ${monthsText(x.period)}`, value: x.shown.text, figure: 'senior.heard-trend' as const })),
        ],
        lineTitle: `% of meetings the child’s views reached, last four ${periodNoun[r.period.kind]}s`,
        line: heardTrend.flatMap((x) => (x.shown.percent === null ? [] : [{ x: monthsText(x.period), y: x.shown.percent }])),
        notes: definitions('reached', 'declined', 'notHeard', 'underFour'),
      }),
      section({
        id: 'around',
        title: 'Before and after the meeting',
        intro: 'The child prepared, the chair meeting the child, views changing the plan, and the child told what was decided and why.',
        facts: [...aroundFacts(heard, HEARD_IDS, a), { title: 'Child told the outcome', value: told.text, figure: 'senior.told-outcome' }],
        notes: definitions('prepared', 'chairMet', 'changedPlan', 'told', 'notRecorded'),
      }),
      section({
        id: 'methods',
        title: 'How children’s views were gathered',
        intro: `The ways recorded for meetings held in the ${periodNoun[r.period.kind]}.`,
        facts: methodFacts(heard, HEARD_IDS.methods, a),
        notes: definitions('methods'),
      }),
      section({
        id: 'feedback',
        title: 'Feedback after meetings',
        intro: `After meetings held in the ${periodNoun[r.period.kind]}, by meeting type: whether the child, and apart the parents, were offered a feedback form, answered it, and said they were listened to well.`,
        facts: feedbackFacts(heard, FEEDBACK_IDS, a),
        notes: definitions('feedbackOffered', 'feedbackAnswered', 'feedbackWell'),
      }),
      ...(r.monthly.length > 1
        ? [
            section({
              id: 'monthly',
              title: 'Month by month',
              intro: 'Meetings with views recorded before the report deadline (forms in time, a decline included).',
              facts: r.monthly.map((m, i) => ({ title: DateTime.fromISO(`${m.month}-01`).toFormat('LLL yyyy'), value: monthlyRates[i]!.text, figure: 'senior.voice-by-month' as const })),
              lineTitle: '% with views recorded in time, by month',
              line: r.monthly.flatMap((m, i) => {
                const p = monthlyRates[i]!.percent;
                return p === null ? [] : [{ x: DateTime.fromISO(`${m.month}-01`).toFormat('LLL yy'), y: p }];
              }),
            }),
          ]
        : []),
      section({ id: 'districts', title: 'By district', intro: 'Views recorded before the report deadline (forms in time, not children heard: see 2), this period and before.', facts: areaFacts(r.districts, districtRates, 'senior.voice-by-district'), barsTitle: '% in time by district', bars: areaBars(r.districts, districtRates) }),
      section({ id: 'teams', title: 'By team', intro: 'Views recorded before the report deadline (forms in time, not children heard: see 2), this period and before.', facts: areaFacts(r.teams, teamRates, 'senior.voice-by-team'), barsTitle: '% in time by team', bars: areaBars(r.teams, teamRates) }),
      section({
        id: 'evidence',
        title: 'Evidence against the promises, and how young people took part',
        intro: 'Examples per promise, then the mix of participation.',
        facts: [
          ...r.promises.map((p) => ({ title: p.title, value: figureCount('senior.examples-per-promise', p.count, a).text, figure: 'senior.examples-per-promise' as const })),
          ...ParticipationModeSchema.options.map((m, i) => ({ title: participationModeLabel[m], value: modes.cells[i]!.text, figure: 'senior.examples-by-mode' as const })),
        ],
      }),
      section({
        id: 'representation',
        title: 'Harder-to-hear groups',
        intro: `Each group's share of the children whose views reached a meeting (${figureCount('senior.children-heard', h.total, a).text}) compared with its share of all children we work with (${figureCount('senior.children-in-cohort', r.cohort.total, a).text}); then how many of each group's meetings the views reached.`,
        facts: [...groups.facts, ...groupFacts(heard, 'senior.heard-by-group', a)],
        notes: definitions('childrenHeard', 'byGroup'),
      }),
      ...(r.surveys ? [section(surveySection(r.surveys, 'senior.survey-agreeing', t))] : []),
      ...(r.audits
        ? [
            section({
              id: 'audits',
              title: "Case-file audits of the child's voice",
              intro: r.audits.sampled
                ? `Case files picked at random each month and graded by an auditor from outside the team, across the service, for the ${periodNoun[r.period.kind]}.`
                : `No case files were sampled for audit in the ${periodNoun[r.period.kind]}.`,
              facts: auditFacts(r.audits, SENIOR_AUDIT_IDS, a),
              notes: r.audits.sampled ? auditNotes() : [],
            }),
          ]
        : []),
      ...(r.exits
        ? [
            section({
              id: 'exits',
              title: 'Exit conversations',
              intro: `Children whose care episode, or care leavers whose pathway support, ended in the ${periodNoun[r.period.kind]}: was a conversation about their experience of care offered, and held? Their workers answer by card; what young people said is in "You said, we did".`,
              facts: [
                { title: 'Care or pathway support ended', value: figureCount('senior.exit-endings', r.exits.ended, a).text, figure: 'senior.exit-endings' },
                { title: 'Exit conversation offered', value: figureRate('senior.exit-offered', { n: r.exits.offered, d: r.exits.ended }, a).text, figure: 'senior.exit-offered' },
                { title: 'Exit conversation held', value: figureRate('senior.exit-held', { n: r.exits.held, d: r.exits.ended }, a).text, figure: 'senior.exit-held' },
                { title: 'Offered and declined', value: figureRate('senior.exit-held', { n: r.exits.declined, d: r.exits.ended }, a).text, figure: 'senior.exit-held' },
                { title: 'Worker has not answered yet', value: figureRate('senior.exit-offered', { n: r.exits.ended - r.exits.answered, d: r.exits.ended }, a).text, figure: 'senior.exit-offered' },
              ],
              notes: [{ text: 'Offered, held: of the endings in the period, those whose worker recorded an exit conversation offered, and held (declined is shown apart and not counted as held); an ending not yet answered counts as neither.' }],
            }),
          ]
        : []),
  ]);
  const areaFalls = (areas: AreaMeasures[], rates: Map<string, { now: ShownRate; before: ShownRate }>) =>
    fallsOf(areas.map((x) => ({ label: x.name, ...rates.get(x.id)! })), opts.fallPoints);
  const [, , heardBefore, heardNow] = heardTrend;
  const overall = fallsOf([...(heardNow && heardBefore ? [{ label: 'Views reached the meeting', now: heardNow.shown, before: heardBefore.shown }] : []), { label: 'Views recorded in time', ...voice }, { label: 'Advocacy offered where required', ...advocacy }, { label: 'Children told the outcome', ...told }], opts.fallPoints);
  const districtFalls = areaFalls(r.districts, districtRates);
  const teamFalls = areaFalls(r.teams, teamRates);
  const attention = topAttention([
    overall.length ? attentionLine(`Fell across the service: ${overall.join('; ')}.`, ref('overview')) : undefined,
    districtFalls.length ? attentionLine(`Views recorded in time fell in ${districtFalls.join('; ')}.`, ref('districts')) : undefined,
    teamFalls.length ? attentionLine(`Views recorded in time fell in ${teamFalls.join('; ')}.`, ref('teams')) : undefined,
    r.tracker.overdue ? attentionLine(`${itemsWord(r.tracker.overdue)} overdue: ${overdueByAge(r.tracker.overdueDays)}.`, ref('overview')) : undefined,
    groups.less ? attentionLine(groups.less, ref('representation')) : undefined,
  ]);
  return {
    title: `Participation report: ${r.period.label}`,
    period: `Compared with the ${periodNoun[r.period.kind]} before. Produced ${DateTime.fromJSDate(opts.now, { zone: 'Europe/London' }).toFormat('d LLLL yyyy')}.${underWay(r)}`,
    note: SUPPRESSION_NOTE(t),
    exportUrl: opts.exportUrl ?? '',
    attentionTitle: 'Needs your attention',
    attention,
    attentionEmpty: attention.length ? '' : NOTHING_NEEDS_ATTENTION,
    sections,
  };
}
