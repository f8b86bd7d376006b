import type { ExitRecord } from '../../exits/exit';
import { englandAndWales } from '../../calendar/working-days';
import { defaultPromises } from '../../model/promises';
import { inMemoryCohortFacts, inMemoryExampleFacts, inMemoryTrackerFacts, inMemoryVoiceFacts } from '../../testing';
import type { MeetingVoiceFact } from '../ports';
import { monthlyReportDue, parseReportPeriod } from './report-period';
import { computeSeniorReport } from './senior';
import { presentSenior } from './senior-view';

const teams = [
  { id: 'n1', name: 'North One', district: 'North' },
  { id: 'n2', name: 'North Two', district: 'North' },
  { id: 's1', name: 'South One', district: 'South' },
];
const m = (i: number, teamId: string, start: string, onTime: boolean): MeetingVoiceFact => ({
  meetingId: `${teamId}-${start}-${i}`, childRef: `${teamId}-${i}`, teamId, district: teamId.startsWith('n') ? 'North' : 'South', type: 'CLA_REVIEW',
  start, voiceDue: start, voiceRecordedAt: onTime ? '2026-01-01T00:00:00Z' : undefined, advocacyRequired: false, groups: [],
});
const times = (n: number, f: (i: number) => MeetingVoiceFact) => Array.from({ length: n }, (_, i) => f(i));
const meetings = [
  // October 2026: North One 6 of 10 on time, North Two 5 of 5, South One 2 of 12.
  ...times(10, (i) => m(i, 'n1', '2026-10-05T10:00:00Z', i < 6)),
  ...times(5, (i) => m(i, 'n2', '2026-10-06T10:00:00Z', true)),
  ...times(12, (i) => m(i, 's1', '2026-10-07T10:00:00Z', i < 2)),
  // September 2026: North One 5 of 10.
  ...times(10, (i) => m(i, 'n1', '2026-09-15T10:00:00Z', i < 5)),
  // Earlier history the October report must not read.
  ...times(50, (i) => m(i, 's1', '2026-03-15T10:00:00Z', true)),
];
const facts = { voice: inMemoryVoiceFacts(meetings), examples: inMemoryExampleFacts([]), tracker: inMemoryTrackerFacts([]), cohort: inMemoryCohortFacts([]) };
const NOW = new Date('2026-11-02T08:00:00Z');
const run = async () => presentSenior(await computeSeniorReport(facts, { period: parseReportPeriod('October 2026'), now: NOW, teams, promises: defaultPromises }), { now: NOW });
const fact = async (section: string, title: string) => (await run()).sections.find((s) => s.id === section)!.facts.find((f) => f.title === title)?.value;

describe("the senior managers' report", () => {
  it('understands a month, a calendar year and a financial year', () => {
    expect(parseReportPeriod('2026-10')).toMatchObject({ kind: 'month', from: '2026-10-01', to: '2026-11-01', previous: { from: '2026-09-01', to: '2026-10-01' } });
    expect(parseReportPeriod('oct 2026').label).toBe('October 2026');
    expect(parseReportPeriod('2026')).toMatchObject({ kind: 'year', from: '2026-01-01', to: '2027-01-01' });
    expect(parseReportPeriod('2025-26')).toMatchObject({ kind: 'financial_year', from: '2025-04-01', to: '2026-04-01' });
    expect(() => parseReportPeriod('soon')).toThrow(/report October 2026/);
  });

  it('understands quarters and half-years, calendar and financial, as a participation group and a management team ask for them', () => {
    expect(parseReportPeriod('Q3 2026')).toMatchObject({ kind: 'quarter', from: '2026-07-01', to: '2026-10-01', label: 'Q3 2026 (July to September)', previous: { from: '2026-04-01', to: '2026-07-01' } });
    expect(parseReportPeriod('2026 q4').months).toHaveLength(3);
    expect(parseReportPeriod('2026 H2')).toMatchObject({ kind: 'half_year', from: '2026-07-01', to: '2027-01-01', label: 'H2 2026 (July to December)', previous: { from: '2026-01-01', to: '2026-07-01' } });
    expect(parseReportPeriod('H1 2027')).toMatchObject({ from: '2027-01-01', to: '2027-07-01' });
    expect(parseReportPeriod('Q1 2026-27')).toMatchObject({ kind: 'financial_quarter', from: '2026-04-01', to: '2026-07-01', label: 'Q1 2026-27 (April to June 2026)' });
    expect(parseReportPeriod('Q4 2026/27')).toMatchObject({ from: '2027-01-01', to: '2027-04-01' });
    // The export links carry the label with hyphens: they must read back as the same period.
    for (const typed of ['Q3 2026', '2026 H2', 'Q1 2026-27', 'October 2026', '2025-26', '2026']) {
      const p = parseReportPeriod(typed);
      expect(parseReportPeriod(p.label.replace(/ \(.*\)$/, '').replace(/ /g, '-'))).toMatchObject({ from: p.from, to: p.to });
    }
    for (const bad of ['Q5 2026', 'H3 2026', 'Q1 2026-28', 'H1 2026-27']) expect(() => parseReportPeriod(bad)).toThrow(/report Q3 2026/);
  });

  it('a quarterly report compares with the quarter before', async () => {
    const q = presentSenior(await computeSeniorReport(facts, { period: parseReportPeriod('Q4 2026'), now: NOW, teams, promises: defaultPromises }), { now: NOW });
    expect(q.period).toMatch(/^Compared with the quarter before\./);
  });

  it('goes out monthly on the first working day at 08:00 London, about the month before', () => {
    expect(monthlyReportDue(new Date('2026-11-02T08:00:00Z'), englandAndWales)).toMatchObject({ due: true, period: { label: 'October 2026' } });
    expect(monthlyReportDue(new Date('2026-11-01T09:00:00Z'), englandAndWales).due).toBe(false); // a Sunday
  });

  it('compares teams and districts, with the trend, suppressing small numbers', async () => {
    expect(await fact('overview', 'Views recorded before the report deadline (a decline included)')).toBe('13 of 27 (48%); before: 50% (down 2 points)');
    expect(await fact('districts', 'North')).toBe('most of 15 (all but 1 to 4); before: 50%'); // 4 without: suppressed
    expect(await fact('districts', 'South')).toBe('fewer than 5 of 12; before: none due');
    expect(await fact('teams', 'North One')).toBe('most of 10 (all but 1 to 4); before: 50%');
    // North One's 4 missing are suppressed, so North Two is held back: North's total would give them away.
    expect(await fact('teams', 'North Two')).toBe('held back, so a small number cannot be worked out (of 5); before: none due');
  });

  it("a quarter's month-by-month figures cannot be taken from the quarter's total to give away a month with few children", async () => {
    // Q3 2026: July 10 of 20 on time, August 3 of 4 (a small month), September 12 of 20.
    const quarter = [
      ...times(20, (i) => m(i, 'n1', '2026-07-08T10:00:00Z', i < 10)),
      ...times(4, (i) => m(i, 'n1', '2026-08-12T10:00:00Z', i < 3)),
      ...times(20, (i) => m(i, 's1', '2026-09-09T10:00:00Z', i < 12)),
    ];
    const v = presentSenior(await computeSeniorReport({ ...facts, voice: inMemoryVoiceFacts(quarter) }, { period: parseReportPeriod('Q3 2026'), now: NOW, teams, promises: defaultPromises }), { now: NOW });
    const facts_ = (id: string) => v.sections.find((s) => s.id === id)!.facts;
    const months = facts_('monthly').map((f) => f.value);
    // Each month as its own monthly report showed it: July and September were posted, so holding one back here hides nothing.
    expect(months).toEqual(['10 of 20 (50%)', 'not shown (fewer than 5 in all)', '12 of 20 (60%)']);
    expect(v.sections.find((s) => s.id === 'monthly')!.line).toHaveLength(2);
    // So the total is what is held back: 25 of 44 less July's and September's would be August's 3 of 4.
    expect(facts_('overview').find((f) => f.title.startsWith('Views recorded before the report deadline'))?.value).toBe('held back, so a small number cannot be worked out (of 44); before: none due');
  });

  it('a quarter cannot be taken from the monthly reports already posted to give away a month with few children', async () => {
    // Q3 2026: North One July 10 of 20, August 3 of 4 (a small month), September 10 of 20; North Two 10 of 20 each month.
    const quarter = [
      ...times(20, (i) => m(i, 'n1', '2026-07-08T10:00:00Z', i < 10)),
      ...times(4, (i) => m(i, 'n1', '2026-08-12T10:00:00Z', i < 3)),
      ...times(20, (i) => m(i, 'n1', '2026-09-09T10:00:00Z', i < 10)),
      ...['07', '08', '09'].flatMap((mo) => times(20, (i) => m(i, 'n2', `2026-${mo}-10T10:00:00Z`, i < 10))),
    ];
    const f = { ...facts, voice: inMemoryVoiceFacts(quarter) };
    const report = async (period: string) => presentSenior(await computeSeniorReport(f, { period: parseReportPeriod(period), now: NOW, teams, promises: defaultPromises }), { now: NOW });
    const months = await Promise.all(['July 2026', 'August 2026', 'September 2026'].map(report));
    const q = await report('Q3 2026');
    const shown = (v: string | undefined) => /^\d+ of \d+/.test(v ?? '');
    const valueOf = (v: Awaited<ReturnType<typeof report>>, section: string, title: string) => v.sections.find((x) => x.id === section)?.facts.find((x) => x.title === title)?.value;
    const rows: [string, string][] = [['overview', 'Views recorded before the report deadline (a decline included)'], ['districts', 'North'], ['teams', 'North One'], ['teams', 'North Two']];
    // Each month's report shows its own rows; August's hides North One's 3 of 4 (and North Two with it).
    expect(valueOf(months[1]!, 'teams', 'North One')).toMatch(/^(not shown|fewer than|most of)/);
    for (const [section, title] of rows) {
      const hiddenMonths = months.filter((v) => !shown(valueOf(v, section, title))).length;
      // A quarter shown exactly, less the months shown in their own reports, is the one hidden month.
      expect({ section, title, givesAway: hiddenMonths === 1 && shown(valueOf(q, section, title)) }).toEqual({ section, title, givesAway: false });
    }
    expect(valueOf(q, 'teams', 'North One')).toBe('held back, so a small number cannot be worked out (of 44); before: none due');
    // The district's total is still shown: it hides no single month.
    expect(valueOf(q, 'districts', 'North')).toMatch(/^53 of 104 /);
  });

  it("a quarter's views reached by meeting type cannot be taken from the months' reports either", async () => {
    // Looked-after reviews every month; in August, 3 initial conferences, every child's views reached (PN1).
    const reached = (x: MeetingVoiceFact): MeetingVoiceFact => ({ ...x, pn: x.voiceRecordedAt ? 'PN1' : undefined });
    const quarter = [
      ...['07', '08', '09'].flatMap((mo) => times(20, (i) => reached(m(i, 'n1', `2026-${mo}-10T10:00:00Z`, i < 10)))),
      ...times(3, (i) => ({ ...reached(m(i, 'n2', '2026-08-12T10:00:00Z', true)), type: 'ICPC' as const })),
      ...times(10, (i) => ({ ...reached(m(i, 's1', '2026-09-12T10:00:00Z', i < 5)), type: 'ICPC' as const })),
    ];
    const f = { ...facts, voice: inMemoryVoiceFacts(quarter) };
    const report = async (period: string) => presentSenior(await computeSeniorReport(f, { period: parseReportPeriod(period), now: NOW, teams, promises: defaultPromises }), { now: NOW });
    const icpc = (v: Awaited<ReturnType<typeof report>>) => v.sections.flatMap((x) => x.facts).find((x) => x.title === 'Views reached: Initial child protection conference')?.value;
    // August's own report hides its 3 of 3; September's shows 5 of 10.
    expect(icpc(await report('August 2026'))).toMatch(/^not shown/);
    expect(icpc(await report('September 2026'))).toMatch(/^5 of 10 /);
    // The quarter's 8 of 13 less September's 5 of 10 would be August's 3 of 3: held back, and another type with it.
    const q = await report('Q3 2026');
    expect(icpc(q)).toMatch(/^held back, so a small number cannot be worked out \(of 13\)/);
    expect(q.sections.flatMap((x) => x.facts).find((x) => x.title === 'Views reached: Looked-after review')?.value).toMatch(/^held back/);
  });

  it("a quarter's \"were children heard?\" row cannot be taken from the months' reports either", async () => {
    // Each month 20 meetings, 10 reached; 3 children declined in August (hidden in August's report), 5 in September (shown).
    const declines: Record<string, number> = { '07': 0, '08': 3, '09': 5 };
    const quarter = ['07', '08', '09'].flatMap((mo) =>
      times(20, (i) => ({ ...m(i, 'n1', `2026-${mo}-10T10:00:00Z`, i < 10 + declines[mo]!), pn: i < 10 ? ('PN1' as const) : undefined, declined: i >= 10 && i < 10 + declines[mo]! })),
    );
    const f = { ...facts, voice: inMemoryVoiceFacts(quarter) };
    const report = async (period: string) => presentSenior(await computeSeniorReport(f, { period: parseReportPeriod(period), now: NOW, teams, promises: defaultPromises }), { now: NOW });
    const declined = (v: Awaited<ReturnType<typeof report>>) => v.sections.flatMap((x) => x.facts).find((x) => x.title.startsWith('Declined to share views'))?.value;
    expect(declined(await report('August 2026'))).toMatch(/^fewer than 5 of 20/);
    expect(declined(await report('September 2026'))).toMatch(/^5 of 20/);
    // The quarter's 8 declined less September's 5 would be August's 3: held back, and another cell with it.
    const q = await report('Q3 2026');
    expect(declined(q)).toBe('not shown of 60 meetings');
    expect(q.sections.flatMap((x) => x.facts).find((x) => x.title === 'Not heard')?.value).toBe('not shown of 60 meetings');
  });

  it('opens with what needs the senior managers\' attention: a fall across the service and overdue items by age', async () => {
    const september = times(10, (i) => m(i, 's1', '2026-09-16T10:00:00Z', true));
    const overdue = [
      { id: 'o1', raisedAt: '2026-06-01T09:00:00Z', due: '2026-08-01', status: 'open' as const, youSaid: 'x', shareable: true },
      // A senior manager's own "Ask about this", also late: their question, not a "You said" from young people.
      { id: 'ask', raisedAt: '2026-06-01T09:00:00Z', due: '2026-08-01', status: 'open' as const, youSaid: 'x', shareable: true, raisedBy: { kind: 'board' as const } },
    ];
    const more = { ...facts, voice: inMemoryVoiceFacts([...meetings, ...september]), tracker: inMemoryTrackerFacts(overdue) };
    const v = presentSenior(await computeSeniorReport(more, { period: parseReportPeriod('October 2026'), now: NOW, teams, promises: defaultPromises }), { now: NOW });
    expect(v.attention.map((l) => [l.text, l.see])).toEqual([
      ['Fell across the service: Views recorded in time 75% to 48% (down 27 points).', 'See 1. Across the service'],
      ['1 "You said" item is overdue: 1 by more than 8 weeks.', 'See 1. Across the service'],
    ]);
    expect((await run()).attentionEmpty).toMatch(/^Nothing in these figures needs your attention/);
  });
});

describe("the senior managers' report: exit conversations", () => {
  const ending = (i: number, endedOn: string, answer: Partial<ExitRecord> = {}): ExitRecord => ({
    childRef: `X-${i}`, kind: i % 2 ? 'care' : 'pathway', endedOn, workerId: 'w', askedAt: `${endedOn}T06:00:00.000Z`, itemIds: [], ...answer,
  });
  const answered = (held: ExitRecord['held'], offered = true): Partial<ExitRecord> => ({ offered, held, answeredAt: '2026-10-20T10:00:00.000Z', answeredById: 'w' });
  const report = async (records: ExitRecord[]) => {
    const exits = { endedBetween: async (from: string, to: string) => records.filter((r) => r.endedOn >= from && r.endedOn <= to) };
    const view = presentSenior(await computeSeniorReport({ ...facts, exits }, { period: parseReportPeriod('October 2026'), now: NOW, teams, promises: defaultPromises }), { now: NOW });
    return Object.fromEntries(view.sections.find((s) => s.id === 'exits')!.facts.map((f) => [f.title, f.value]));
  };

  it('shows how many of the period\'s endings had an exit conversation offered and held, declines apart', async () => {
    const records = [
      ...Array.from({ length: 6 }, (_, i) => ending(i, '2026-10-05', answered('yes'))),
      ...Array.from({ length: 5 }, (_, i) => ending(10 + i, '2026-10-12', answered('declined'))),
      ...Array.from({ length: 6 }, (_, i) => ending(20 + i, '2026-10-19', answered('no', false))),
      ...Array.from({ length: 5 }, (_, i) => ending(30 + i, '2026-10-30')),
      ending(40, '2026-11-01', answered('yes')), // the next month's: not in October's report
    ];
    expect(await report(records)).toMatchObject({
      'Care or pathway support ended': '22',
      'Exit conversation offered': '11 of 22 (50%)',
      'Exit conversation held': '6 of 22 (27%)',
      'Offered and declined': '5 of 22 (23%)',
      'Worker has not answered yet': '5 of 22 (23%)',
    });
  });

  it('hides small numbers of young people, as every count of children in a channel', async () => {
    const shown = await report([ending(1, '2026-10-05', answered('yes')), ending(2, '2026-10-06', answered('no', false)), ending(3, '2026-10-07')]);
    expect(shown['Care or pathway support ended']).toBe('fewer than 5');
    expect(shown['Exit conversation held']).not.toMatch(/^1 of/);
  });
});

describe('a report asked for while its period is still under way', () => {
  // December so far: North One 20 of 25 in time. On 15 December one more review, the child's views not in time.
  const dec = [...times(25, (i) => m(i, 'n1', '2026-12-07T10:00:00Z', i < 20)), m(99, 'n1', '2026-12-15T10:00:00Z', false)];
  const f = { ...facts, voice: inMemoryVoiceFacts([...meetings, ...dec]) };
  const ask = (period: string, now: string) => computeSeniorReport(f, { period: parseReportPeriod(period), now: new Date(now), teams, promises: defaultPromises });

  it("cannot be asked for on two days and subtracted to find the one child whose meeting was between them", async () => {
    const [mon, tue] = [await ask('December 2026', '2026-12-15T08:00:00Z'), await ask('December 2026', '2026-12-16T08:00:00Z')];
    expect(tue.overall.now.all).toEqual(mon.overall.now.all);
    expect(tue.teams.map((t) => t.now.all)).toEqual(mon.teams.map((t) => t.now.all));
    // Whole months only: a quarter under way counts the months that have ended, which their own reports showed.
    const q = await ask('Q4 2026', '2026-12-16T08:00:00Z');
    expect(q.overall.now.all).toEqual({ n: 13, d: 27 });
    // Said on the card in words, with when the month will be counted.
    const view = presentSenior(tue, { now: new Date('2026-12-16T08:00:00Z') });
    expect(view.period).toBe('Compared with the month before. Produced 16 December 2026. December 2026 is not over yet. Nothing from it is counted yet: reports asked for on different days must count the same children, or one could be compared with another to pick out a child. December 2026 is counted from 1 January 2027.');
    expect(presentSenior(q, { now: new Date('2026-12-16T08:00:00Z') }).period).toContain('Q4 2026 (October to December) is not over yet. It counts Oct 2026 to Nov 2026 only, the whole months so far:');
  });
});
