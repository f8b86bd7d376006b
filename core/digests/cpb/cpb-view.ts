import { DateTime } from 'luxon';
import { LONDON } from '../../calendar/working-days';
import { harderToHearLabel, HarderToHearGroupSchema } from '../../model/child';
import { meetingTypeLabel } from '../../model/meeting';
import { participationModeLabel, ParticipationModeSchema } from '../../model/participation';
import { DEFAULT_THRESHOLD, type ShownRate } from '../../safety/suppress';
import { attentionLine, fallsOf, itemsWord, NOTHING_NEEDS_ATTENTION, overdueByAge, topAttention, DEFAULT_GAP_POINTS, type AttentionLine, type AttentionSettings, type SectionRef } from '../measures/attention';
import { promiseLabels } from '../measures/examples-once';
import { channelAudience, figureCount, figureRate, figureRates, figureRow, type FigureId } from '../measures/figures';
import type { CpbBriefing } from './cpb';
import { SUPPRESSION_NOTE } from '../format';
import type { Ratio } from '../weekly/weekly';
import type { Fact } from '../weekly/weekly-view';
import { aroundFacts, definitions, groupFacts, methodFacts, outcomeFacts, type HeardFigureIds } from '../measures/heard-view';
import { activitiesSection, surveySection } from '../measures/participation-view';

/** What "Ask about this" submits: the bot raises a tracker item for the participation team. */
export interface AskAboutThis {
  verb: 'digest.ask';
  digest: 'cpb' | 'senior';
  section: string;
  ref: string;
}

export interface CpbSectionView {
  id: string;
  title: string;
  intro: string;
  facts: Fact[];
  /** Chart.VerticalBar points (suppressed values left out; the facts carry every number). */
  bars: { x: string; y: number }[];
  barsTitle: string;
  /** Chart.Donut slices, for the mode mix. */
  donut: { legend: string; value: number }[];
  lines: { text: string }[];
  /** What each number in the section counts, one plain sentence each. */
  notes: { text: string }[];
  ask: AskAboutThis;
}

export interface CpbBriefingView {
  title: string;
  period: string;
  note: string;
  /** "Needs your attention": at most five lines from the facts, each naming its section. */
  attentionTitle: string;
  attention: AttentionLine[];
  attentionEmpty: string;
  sections: CpbSectionView[];
}

const day = (iso: string) => DateTime.fromISO(iso, { zone: LONDON }).toFormat('d LLLL yyyy');
/** The last day a half-open period [since, until) takes in: a period cut at midnight ends the day before. */
const lastDay = (iso: string) => day(DateTime.fromISO(iso).minus({ milliseconds: 1 }).toISO() as string);
const verdictLabel = { kept: 'Kept', partly: 'Partly kept', not_yet: 'Not yet kept' } as const;

/** "18 of 24 (75%); before: 70% (up 5 points)" from two rates already suppressed for a channel. */
export function trendOf(a: ShownRate, b: ShownRate): string {
  const diff = a.percent !== null && b.percent !== null ? a.percent - b.percent : null;
  const change = diff === null ? '' : diff === 0 ? ' (no change)' : ` (${diff > 0 ? 'up' : 'down'} ${Math.abs(diff)} point${Math.abs(diff) === 1 ? '' : 's'})`;
  return `${a.text}; before: ${b.percent === null ? b.text : `${b.percent}%`}${change}`;
}

/** A rate now and before, as a channel may see it (by its declared figure), with its trend text. */
export function shownTrend(id: FigureId, now: Ratio, before: Ratio, t: number): { now: ShownRate; before: ShownRate; text: string } {
  const a = channelAudience(t);
  const n = figureRate(id, now, a);
  const b = figureRate(id, before, a);
  return { now: n, before: b, text: trendOf(n, b) };
}

type GroupCounts = { total: number; byGroup: Partial<Record<string, number>> };

/**
 * Harder-to-hear groups: share of the children heard against share of all children; and those heard less:
 * their share of the children heard below their share of the children who had a meeting (a group with fewer
 * meetings this period was not heard less).
 */
export function representation(heard: GroupCounts, cohort: GroupCounts, met: GroupCounts, id: FigureId, t: number, gapPoints = DEFAULT_GAP_POINTS) {
  const a = channelAudience(t);
  const pct = (r: ShownRate) => (r.percent === null ? r.text : `${r.percent}%`);
  const rows = HarderToHearGroupSchema.options.map((g) => {
    const h = figureRate(id, { n: heard.byGroup[g] ?? 0, d: heard.total }, a);
    const all = figureRate(id, { n: cohort.byGroup[g] ?? 0, d: cohort.total }, a);
    const withMeeting = figureRate(id, { n: met.byGroup[g] ?? 0, d: met.total }, a);
    return { label: harderToHearLabel[g], h, withMeeting, fact: { title: harderToHearLabel[g], value: `heard: ${pct(h)}; all children: ${pct(all)}`, figure: id } };
  });
  const less = rows.filter((r) => r.h.percent !== null && r.withMeeting.percent !== null && r.withMeeting.percent - r.h.percent >= gapPoints);
  return {
    facts: rows.map((r) => r.fact),
    less: less.length ? `Heard less than their share of the children who had a meeting: ${less.map((r) => `${r.label} (${r.h.percent}% of those heard, ${r.withMeeting.percent}% of those with a meeting)`).join('; ')}.` : '',
  };
}

/** Numbers the sections "1. ..." in order, so the attention head can name where to look. */
export const numbered = <S extends { id: string; title: string }>(sections: S[]): { sections: S[]; ref: (id: string) => SectionRef } => {
  const refs = new Map(sections.map((s, i) => [s.id, { id: s.id, title: s.title, number: i + 1 }]));
  return { sections: sections.map((s, i) => ({ ...s, title: `${i + 1}. ${s.title}` })), ref: (id) => refs.get(id)! };
};

const EXAMPLE_LINES = 8;

const HEARD_IDS: HeardFigureIds = {
  outcomes: 'cpb.heard-outcomes',
  prepared: 'cpb.prepared',
  chairMet: 'cpb.chair-met-before',
  changedPlan: 'cpb.views-changed-plan',
  methods: 'cpb.methods',
};

/** "3 Sep to 26 Nov 2026" for a board period, as the briefing's own period reads (the year on both ends when they differ). */
const span = (from: string, to: string) => {
  const [a, b] = [DateTime.fromISO(from, { zone: LONDON }), DateTime.fromISO(to, { zone: LONDON }).minus({ milliseconds: 1 })];
  return `${a.toFormat(a.year === b.year ? 'd LLL' : 'd LLL yyyy')} to ${b.toFormat('d LLL yyyy')}`;
};

/** Presents the board briefing: aggregate only, children's numbers suppressed, the council's own exact, every chart backed by facts. */
export function presentCpb(b: CpbBriefing, opts: { threshold?: number } & AttentionSettings = {}): CpbBriefingView {
  const t = opts.threshold ?? DEFAULT_THRESHOLD;
  const a = channelAudience(t);
  const ask = (section: string): AskAboutThis => ({ verb: 'digest.ask', digest: 'cpb', section, ref: b.occurrence.id });
  const section = (s: Omit<CpbSectionView, 'bars' | 'barsTitle' | 'donut' | 'lines' | 'notes' | 'ask'> & Partial<CpbSectionView>): CpbSectionView => ({
    bars: [], barsTitle: '', donut: [], lines: [], notes: [], ask: ask(s.id), ...s,
  });
  const modes = figureRow('cpb.examples-by-mode', ParticipationModeSchema.options.map((m) => b.modes[m]), a);
  const h = b.voice.heard.children;
  const heard = b.voice.heard;
  const outcomes = outcomeFacts(heard, HEARD_IDS.outcomes, a);
  const heardTypesNow = figureRates('cpb.heard-by-meeting-type', heard.byType.map((v) => v.ratio), a);
  const heardTypesBefore = figureRates('cpb.heard-by-meeting-type', b.voicePrevious.heard.byType.map((v) => v.ratio), a);
  const heardTrend = b.trend.map((p) => ({ ...p, shown: figureRate('cpb.heard-trend', p.reached, a) }));
  // Meeting types add up to all meetings: suppress them together, in each period.
  const typesNow = figureRates('cpb.voice-by-meeting-type', b.voice.byType.map((v) => v.ratio), a);
  const typesBefore = figureRates('cpb.voice-by-meeting-type', b.voicePrevious.byType.map((v) => v.ratio), a);
  const all = shownTrend('cpb.voice-all-meetings', b.voice.all, b.voicePrevious.all, t);
  const advocacy = shownTrend('cpb.advocacy', b.voice.advocacy, b.voicePrevious.advocacy, t);
  const told = shownTrend('cpb.told-outcome', b.voice.toldOutcome, b.voicePrevious.toldOutcome, t);
  const groups = representation(h, b.cohort, heard.met, 'cpb.group-share', t, opts.gapPoints);
  const shownExamples = b.examples.slice(0, EXAMPLE_LINES);
  const { sections, ref } = numbered([
    section({
      id: 'evidence',
      title: 'Evidence against each promise',
      intro: 'Participation examples recorded since the last board, per promise. Each example is listed once, with every promise it shows.',
      facts: b.promises.map((p) => ({ title: p.title, value: figureCount('cpb.examples-per-promise', p.count, a).text, figure: 'cpb.examples-per-promise' })),
      barsTitle: 'Examples per promise',
      bars: b.promises.flatMap((p) => (p.count === 0 ? [] : [{ x: p.title, y: p.count }])),
      lines: [
        ...shownExamples.map((e) => ({ text: `${e.text} (${promiseLabels(e.promiseIds, b.promises)})` })),
        ...(b.examples.length > shownExamples.length ? [{ text: `And ${b.examples.length - shownExamples.length} more examples.` }] : []),
      ],
    }),
    section({
      id: 'modes',
      title: 'How young people took part',
      intro: 'The mix of participation, not just the count: consultation is not full participation.',
      facts: [...ParticipationModeSchema.options.map((m, i) => ({ title: participationModeLabel[m], value: modes.cells[i]!.text, figure: 'cpb.examples-by-mode' as const })), { title: 'All examples', value: modes.total.text, figure: 'cpb.examples-by-mode' }],
      donut: ParticipationModeSchema.options.flatMap((m) => (b.modes[m] === 0 ? [] : [{ legend: participationModeLabel[m], value: b.modes[m] }])),
    }),
    section({
      id: 'heard',
      title: 'Were children heard at their meetings?',
      intro: 'Meetings held since the last board: whether the child’s views reached the meeting, not whether a form was filled in. Then by meeting type (this period; before), and the last four board periods.',
      facts: [
        ...outcomes.facts,
        // A type held in neither period says nothing: left out (the rates were suppressed with it among them).
        ...heard.byType.flatMap((v, i) => (v.ratio.d === 0 && b.voicePrevious.heard.byType[i]!.ratio.d === 0 ? [] : [{ title: `Views reached: ${meetingTypeLabel[v.type]}`, value: trendOf(heardTypesNow[i]!, heardTypesBefore[i]!), figure: 'cpb.heard-by-meeting-type' as const }])),
        ...heardTrend.map((p) => ({ title: `Views reached: ${span(p.since, p.until)}`, value: p.shown.text, figure: 'cpb.heard-trend' as const })),
      ],
      barsTitle: '% of meetings the child’s views reached, by meeting type, this period',
      bars: heard.byType.flatMap((v, i) => {
        const p = heardTypesNow[i]!.percent;
        return p === null ? [] : [{ x: meetingTypeLabel[v.type], y: p }];
      }),
      notes: definitions('reached', 'declined', 'notHeard', 'underFour'),
    }),
    section({
      id: 'voice',
      title: 'Views recorded before the report deadline',
      intro: 'A record in time, a decline included: this counts forms, not children heard. By meeting type, this period and the period before. For an assessment, which has no meeting, the deadline is the day the assessment is due.',
      notes: definitions('onTime'),
      facts: [...b.voice.byType.map((v, i) => ({ title: meetingTypeLabel[v.type], value: trendOf(typesNow[i]!, typesBefore[i]!), figure: 'cpb.voice-by-meeting-type' as const })), { title: 'All meetings', value: all.text, figure: 'cpb.voice-all-meetings' }],
      barsTitle: '% of meetings with the voice recorded in time, this period',
      bars: b.voice.byType.flatMap((v, i) => {
        const p = typesNow[i]!.percent;
        return p === null ? [] : [{ x: meetingTypeLabel[v.type], y: p }];
      }),
    }),
    section({
      id: 'loop',
      title: 'Before and after the meeting',
      intro: 'Advocacy offered where it is required, the child prepared, the chair meeting the child, views changing the plan, and the child told what was decided and why. This period; before, where shown.',
      facts: [
        { title: 'Advocacy offered where required', value: advocacy.text, figure: 'cpb.advocacy' },
        ...aroundFacts(heard, HEARD_IDS, a),
        { title: 'Child told the outcome', value: told.text, figure: 'cpb.told-outcome' },
      ],
      notes: definitions('advocacy', 'prepared', 'chairMet', 'changedPlan', 'told', 'notRecorded'),
    }),
    section({
      id: 'methods',
      title: 'How children’s views were gathered',
      intro: 'The ways recorded for meetings held since the last board.',
      facts: methodFacts(heard, HEARD_IDS.methods, a),
      notes: definitions('methods'),
    }),
    section({
      id: 'audit',
      title: "The Children in Care Council's audit",
      intro: b.audits.length ? 'What the young people said about each promise.' : 'The care council has not audited the promises since the last board.',
      facts: b.audits.map((x) => ({ title: x.title, value: `${verdictLabel[x.verdict]}${x.comment ? `: ${x.comment}` : ''}` })),
    }),
    section({
      id: 'tracker',
      title: '"You said, we did"',
      intro: 'Items raised and closed since the last board, and items now overdue.',
      facts: [
        { title: 'Raised', value: figureCount('cpb.items-raised', b.tracker.raised, a).text, figure: 'cpb.items-raised' },
        { title: 'Done', value: figureCount('cpb.items-done', b.tracker.done, a).text, figure: 'cpb.items-done' },
        { title: 'Not possible (and the children told why)', value: figureCount('cpb.items-not-possible', b.tracker.notPossible, a).text, figure: 'cpb.items-not-possible' },
        { title: 'Overdue now', value: figureCount('cpb.items-overdue', b.tracker.overdue, a).text, figure: 'cpb.items-overdue' },
      ],
    }),
    section({
      id: 'representation',
      title: 'Are we hearing the harder-to-hear groups?',
      intro: `Each group's share of the children whose views reached a meeting since the last board (${figureCount('cpb.children-heard', h.total, a).text}) compared with its share of all children we work with (${figureCount('cpb.children-in-cohort', b.cohort.total, a).text}); then how many of each group's meetings the views reached.`,
      facts: [...groups.facts, ...groupFacts(heard, 'cpb.heard-by-group', a)],
      notes: definitions('childrenHeard', 'byGroup'),
    }),
    ...(b.participation ? [section(surveySection(b.participation.surveys, 'cpb.survey-agreeing', t)), section(activitiesSection(b.participation.activities, t))] : []),
  ]);
  const voiceFalls = fallsOf([...b.voice.byType.map((v, i) => ({ label: meetingTypeLabel[v.type], now: typesNow[i]!, before: typesBefore[i]! })), { label: 'All meetings', ...all }], opts.fallPoints);
  const loopFalls = fallsOf([{ label: 'Advocacy offered where required', ...advocacy }, { label: 'Children told the outcome', ...told }], opts.fallPoints);
  const notYet = b.audits.filter((x) => x.verdict === 'not_yet').map((x) => x.title);
  const partly = b.audits.filter((x) => x.verdict === 'partly').map((x) => x.title);
  const notKept = [notYet.length ? `not yet kept: ${notYet.join(', ')}` : '', partly.length ? `only partly kept: ${partly.join(', ')}` : ''].filter(Boolean).join('; ');
  const [, , heardBefore, heardNow] = heardTrend;
  const heardFalls = fallsOf([
    ...heard.byType.map((v, i) => ({ label: meetingTypeLabel[v.type], now: heardTypesNow[i]!, before: heardTypesBefore[i]! })),
    ...(heardNow && heardBefore ? [{ label: 'All meetings', now: heardNow.shown, before: heardBefore.shown }] : []),
  ], opts.fallPoints);
  const attention = topAttention([
    heardFalls.length ? attentionLine(`Fewer children's views reached their meetings: ${heardFalls.join('; ')}.`, ref('heard')) : undefined,
    voiceFalls.length ? attentionLine(`Fewer views recorded before the deadline: ${voiceFalls.join('; ')}.`, ref('voice')) : undefined,
    loopFalls.length ? attentionLine(`Fell since the period before: ${loopFalls.join('; ')}.`, ref('loop')) : undefined,
    b.tracker.overdue ? attentionLine(`${itemsWord(b.tracker.overdue)} overdue: ${overdueByAge(b.tracker.overdueDays)}.`, ref('tracker')) : undefined,
    notKept ? attentionLine(`The Children in Care Council says these promises are ${notKept}.`, ref('audit')) : undefined,
    groups.less ? attentionLine(groups.less, ref('representation')) : undefined,
  ]);
  return {
    title: 'Corporate Parenting Board briefing',
    period: `For the board on ${day(b.occurrence.start)}. Since the last briefing: ${day(b.since)} to ${lastDay(b.until)}.`,
    note: SUPPRESSION_NOTE(t),
    attentionTitle: 'Needs your attention',
    attention,
    attentionEmpty: attention.length ? '' : NOTHING_NEEDS_ATTENTION,
    sections,
  };
}
