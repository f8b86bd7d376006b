import { DateTime } from 'luxon';
import { harderToHearLabel, HarderToHearGroupSchema } from '../model/child';
import { participationModeLabel, ParticipationModeSchema } from '../model/participation';
import { DEFAULT_THRESHOLD, showCount, suppressedRate, suppressRates, suppressRow, type ShownRate } from '../safety/suppress';
import { trendOf, trendText, type AskAboutThis, type CpbSectionView } from './cpb-view';
import { SUPPRESSION_NOTE } from './format';
import type { AreaMeasures, SeniorReport } from './senior';
import { periodNoun } from './report-period';

export interface SeniorSectionView extends CpbSectionView {
  /** Chart.Line points (the monthly trend). */
  line: { x: string; y: number }[];
  lineTitle: string;
}

export interface SeniorReportView {
  title: string;
  period: string;
  note: string;
  sections: SeniorSectionView[];
  /** The annual-report export (empty: no button). */
  exportUrl: string;
}

/** Presents the senior managers' report for the SMT channel: aggregate, suppressed, with the trend. */
export function presentSenior(r: SeniorReport, opts: { now: Date; threshold?: number; exportUrl?: string }): SeniorReportView {
  const t = opts.threshold ?? DEFAULT_THRESHOLD;
  const ref = `${r.period.kind}:${r.period.from}`;
  const ask = (section: string): AskAboutThis => ({ verb: 'digest.ask', digest: 'senior', section, ref });
  const section = (s: Pick<SeniorSectionView, 'id' | 'title' | 'intro' | 'facts'> & Partial<SeniorSectionView>): SeniorSectionView => ({
    bars: [], barsTitle: '', donut: [], lines: [], line: [], lineTitle: '', ask: ask(s.id), ...s,
  });
  // Areas add up to their parent (teams to a district, districts to the service): suppress siblings together.
  const shownRates = (areas: AreaMeasures[], groupOf: (a: AreaMeasures) => string) => {
    const out = new Map<string, { now: ShownRate; before: ShownRate }>();
    for (const g of new Set(areas.map(groupOf))) {
      const sibs = areas.filter((a) => groupOf(a) === g);
      const now = suppressRates(sibs.map((a) => a.now.all), t);
      const before = suppressRates(sibs.map((a) => a.before.all), t);
      sibs.forEach((a, i) => out.set(a.id, { now: now[i]!, before: before[i]! }));
    }
    return out;
  };
  const districtOf = new Map(r.teamDistricts);
  const districtRates = shownRates(r.districts, () => 'all');
  const teamRates = shownRates(r.teams, (a) => districtOf.get(a.id) ?? '');
  const areaFacts = (areas: AreaMeasures[], rates: Map<string, { now: ShownRate; before: ShownRate }>) =>
    areas.map((a) => ({ title: a.name, value: trendOf(rates.get(a.id)!.now, rates.get(a.id)!.before) }));
  const areaBars = (areas: AreaMeasures[], rates: Map<string, { now: ShownRate; before: ShownRate }>) =>
    areas.flatMap((a) => {
      const p = rates.get(a.id)!.now.percent;
      return p === null ? [] : [{ x: a.name, y: p }];
    });
  const modes = suppressRow(ParticipationModeSchema.options.map((m) => r.modes[m]), t);
  const h = r.overall.now.heard;
  const o = r.overall;
  return {
    title: `Participation report: ${r.period.label}`,
    period: `Compared with the ${periodNoun[r.period.kind]} before. Produced ${DateTime.fromJSDate(opts.now, { zone: 'Europe/London' }).toFormat('d LLLL yyyy')}.`,
    note: SUPPRESSION_NOTE(t),
    exportUrl: opts.exportUrl ?? '',
    sections: [
      section({
        id: 'overview',
        title: 'Across the service',
        intro: "The child's voice before meetings, advocacy, closing the loop, and \"You said, we did\".",
        facts: [
          { title: 'Voice recorded before the report deadline', value: trendText(o.now.all, o.before.all, t) },
          { title: 'Advocacy offered where required', value: trendText(o.now.advocacy, o.before.advocacy, t) },
          { title: 'Children told the outcome', value: trendText(o.now.toldOutcome, o.before.toldOutcome, t) },
          { title: 'Participation examples', value: showCount(o.examples, t).text },
          { title: '"You said" raised', value: showCount(r.tracker.raised, t).text },
          { title: '"We did" (done)', value: showCount(r.tracker.done, t).text },
          { title: 'Not possible, and told why', value: showCount(r.tracker.notPossible, t).text },
          { title: 'Overdue now', value: showCount(r.tracker.overdue, t).text },
        ],
      }),
      ...(r.monthly.length > 1
        ? [
            section({
              id: 'monthly',
              title: 'Month by month',
              intro: "Meetings with the child's voice recorded before the report deadline.",
              facts: r.monthly.map((m) => ({ title: DateTime.fromISO(`${m.month}-01`).toFormat('LLL yyyy'), value: suppressedRate(m.n, m.d, t).text })),
              lineTitle: '% with the voice in time, by month',
              line: r.monthly.flatMap((m) => {
                const p = suppressedRate(m.n, m.d, t).percent;
                return p === null ? [] : [{ x: DateTime.fromISO(`${m.month}-01`).toFormat('LLL yy'), y: p }];
              }),
            }),
          ]
        : []),
      section({ id: 'districts', title: 'By district', intro: 'Voice recorded in time, this period and before.', facts: areaFacts(r.districts, districtRates), barsTitle: '% in time by district', bars: areaBars(r.districts, districtRates) }),
      section({ id: 'teams', title: 'By team', intro: 'Voice recorded in time, this period and before.', facts: areaFacts(r.teams, teamRates), barsTitle: '% in time by team', bars: areaBars(r.teams, teamRates) }),
      section({
        id: 'evidence',
        title: 'Evidence against the promises, and how young people took part',
        intro: 'Examples per promise, then the mix of participation.',
        facts: [
          ...r.promises.map((p) => ({ title: p.title, value: showCount(p.count, t).text })),
          ...ParticipationModeSchema.options.map((m, i) => ({ title: participationModeLabel[m], value: modes.cells[i]!.text })),
        ],
      }),
      section({
        id: 'representation',
        title: 'Harder-to-hear groups',
        intro: `Share of the children heard (${showCount(h.total, t).text}) compared with all children we work with (${showCount(r.cohort.total, t).text}).`,
        facts: HarderToHearGroupSchema.options.map((g) => {
          const heard = suppressedRate(h.byGroup[g] ?? 0, h.total, t);
          const all = suppressedRate(r.cohort.byGroup[g] ?? 0, r.cohort.total, t);
          const pct = (x: typeof heard) => (x.percent === null ? x.text : `${x.percent}%`);
          return { title: harderToHearLabel[g], value: `heard: ${pct(heard)}; all children: ${pct(all)}` };
        }),
      }),
    ],
  };
}
