import { DateTime } from 'luxon';
import { LONDON } from '../calendar/working-days';
import { harderToHearLabel, HarderToHearGroupSchema } from '../model/child';
import { meetingTypeLabel } from '../model/meeting';
import { participationModeLabel, ParticipationModeSchema } from '../model/participation';
import { DEFAULT_THRESHOLD, showCount, suppressedRate, suppressRates, suppressRow, type ShownRate } from '../safety/suppress';
import type { CpbBriefing } from './cpb';
import { SUPPRESSION_NOTE } from './format';
import type { Ratio } from './weekly';
import type { Fact } from './weekly-view';

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
  ask: AskAboutThis;
}

export interface CpbBriefingView {
  title: string;
  period: string;
  note: string;
  sections: CpbSectionView[];
}

const day = (iso: string) => DateTime.fromISO(iso, { zone: LONDON }).toFormat('d LLLL yyyy');
const verdictLabel = { kept: 'Kept', partly: 'Partly kept', not_yet: 'Not yet kept' } as const;

/** "18 of 24 (75%); before: 70% (up 5 points)" from two rates already suppressed for a channel. */
export function trendOf(a: ShownRate, b: ShownRate): string {
  const change = a.percent !== null && b.percent !== null ? ` (${a.percent - b.percent >= 0 ? 'up' : 'down'} ${Math.abs(a.percent - b.percent)} points)` : '';
  return `${a.text}; before: ${b.percent === null ? b.text : `${b.percent}%`}${change}`;
}

export const trendText = (now: Ratio, before: Ratio, t: number): string => trendOf(suppressedRate(now.n, now.d, t), suppressedRate(before.n, before.d, t));

/** Presents the board briefing: aggregate only, small numbers suppressed, every chart backed by facts. */
export function presentCpb(b: CpbBriefing, opts: { threshold?: number } = {}): CpbBriefingView {
  const t = opts.threshold ?? DEFAULT_THRESHOLD;
  const ask = (section: string): AskAboutThis => ({ verb: 'digest.ask', digest: 'cpb', section, ref: b.occurrence.id });
  const section = (s: Omit<CpbSectionView, 'bars' | 'barsTitle' | 'donut' | 'lines' | 'ask'> & Partial<CpbSectionView>): CpbSectionView => ({
    bars: [], barsTitle: '', donut: [], lines: [], ask: ask(s.id), ...s,
  });
  const modes = suppressRow(ParticipationModeSchema.options.map((m) => b.modes[m]), t);
  const h = b.voice.heard;
  // Meeting types add up to all meetings: suppress them together, in each period.
  const typesNow = suppressRates(b.voice.byType.map((v) => v.ratio), t);
  const typesBefore = suppressRates(b.voicePrevious.byType.map((v) => v.ratio), t);
  return {
    title: 'Corporate Parenting Board briefing',
    period: `For the board on ${day(b.occurrence.start)}. Since the last board: ${day(b.since)} to ${day(b.until)}.`,
    note: SUPPRESSION_NOTE(t),
    sections: [
      section({
        id: 'evidence',
        title: 'Evidence against each promise',
        intro: 'Participation examples recorded since the last board.',
        facts: b.promises.map((p) => ({ title: p.title, value: showCount(p.count, t).text })),
        barsTitle: 'Examples per promise',
        bars: b.promises.flatMap((p) => (showCount(p.count, t).value === null ? [] : [{ x: p.title, y: p.count }])),
        lines: b.promises.flatMap((p) => p.highlights.map((text) => ({ text: `${p.title}: ${text}` }))),
      }),
      section({
        id: 'modes',
        title: 'How young people took part',
        intro: 'The mix of participation, not just the count: consultation is not full participation.',
        facts: [...ParticipationModeSchema.options.map((m, i) => ({ title: participationModeLabel[m], value: modes.cells[i]!.text })), { title: 'All examples', value: modes.total.text }],
        donut: ParticipationModeSchema.options.flatMap((m, i) => (modes.cells[i]!.value === null || b.modes[m] === 0 ? [] : [{ legend: participationModeLabel[m], value: b.modes[m] }])),
      }),
      section({
        id: 'voice',
        title: "Child's voice recorded before the report deadline",
        intro: 'By meeting type, this period and the period before.',
        facts: [
          ...b.voice.byType.map((v, i) => ({ title: meetingTypeLabel[v.type], value: trendOf(typesNow[i]!, typesBefore[i]!) })),
          { title: 'All meetings', value: trendText(b.voice.all, b.voicePrevious.all, t) },
        ],
        barsTitle: '% of meetings with the voice recorded in time, this period',
        bars: b.voice.byType.flatMap((v, i) => {
          const p = typesNow[i]!.percent;
          return p === null ? [] : [{ x: meetingTypeLabel[v.type], y: p }];
        }),
      }),
      section({
        id: 'loop',
        title: 'Advocacy and closing the loop',
        intro: 'Advocacy offered where it is required, and children told what was decided and why.',
        facts: [
          { title: 'Advocacy offered where required', value: trendText(b.voice.advocacy, b.voicePrevious.advocacy, t) },
          { title: 'Children told the outcome', value: trendText(b.voice.toldOutcome, b.voicePrevious.toldOutcome, t) },
        ],
      }),
      section({
        id: 'audit',
        title: "The Children in Care Council's audit",
        intro: b.audits.length ? 'What the young people said about each promise.' : 'The care council has not audited the promises since the last board.',
        facts: b.audits.map((a) => ({ title: a.title, value: `${verdictLabel[a.verdict]}${a.comment ? `: ${a.comment}` : ''}` })),
      }),
      section({
        id: 'tracker',
        title: '"You said, we did"',
        intro: 'Items raised and closed since the last board, and items now overdue.',
        facts: [
          { title: 'Raised', value: showCount(b.tracker.raised, t).text },
          { title: 'Done', value: showCount(b.tracker.done, t).text },
          { title: 'Not possible (and the children told why)', value: showCount(b.tracker.notPossible, t).text },
          { title: 'Overdue now', value: showCount(b.tracker.overdue, t).text },
        ],
      }),
      section({
        id: 'representation',
        title: 'Are we hearing the harder-to-hear groups?',
        intro: `Share of the children heard since the last board (${showCount(h.total, t).text}) compared with all children we work with (${showCount(b.cohort.total, t).text}).`,
        facts: HarderToHearGroupSchema.options.map((g) => {
          const heard = suppressedRate(h.byGroup[g] ?? 0, h.total, t);
          const all = suppressedRate(b.cohort.byGroup[g] ?? 0, b.cohort.total, t);
          const pct = (r: typeof heard) => (r.percent === null ? r.text : `${r.percent}%`);
          return { title: harderToHearLabel[g], value: `heard: ${pct(heard)}; all children: ${pct(all)}` };
        }),
      }),
    ],
  };
}
