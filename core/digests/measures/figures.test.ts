import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIGURES, figureCount, figureRate, figureRow } from './figures';

// Every figure of every digest, with what it counts. Adding a figure to a digest means adding it here too:
// "children" are suppressed in channels (DOMAIN.md), "records" (the council's own work) never are.
const EXPECTED = {
  weekly: {
    children: ['voice-on-time', 'voice-trend', 'meetings-ahead', 'meetings-without-voice', 'managers-told', 'advocacy', 'told-outcome', 'heard-outcomes', 'heard-trend', 'prepared', 'chair-met-before', 'views-changed-plan', 'methods', 'feedback-offered', 'feedback-answered', 'feedback-listened-well', 'audits-sampled', 'audits-done', 'audits-not-done', 'audit-grades'],
    records: ['examples-per-promise', 'items-due-soon', 'items-overdue'],
  },
  cicc: { children: ['activity-young-people'], records: ['items-done', 'items-open', 'items-not-possible', 'items-others', 'examples-per-promise'] },
  cpb: {
    children: ['voice-by-meeting-type', 'voice-all-meetings', 'advocacy', 'told-outcome', 'heard-outcomes', 'heard-trend', 'heard-by-meeting-type', 'heard-by-group', 'prepared', 'chair-met-before', 'views-changed-plan', 'methods', 'children-heard', 'children-in-cohort', 'group-share', 'survey-agreeing', 'activity-young-people', 'activity-recognised'],
    records: ['examples-per-promise', 'examples-by-mode', 'items-raised', 'items-done', 'items-not-possible', 'items-overdue', 'activities', 'activity-hours', 'activity-promises'],
  },
  senior: {
    children: ['voice-all-meetings', 'voice-by-month', 'voice-by-district', 'voice-by-team', 'advocacy', 'told-outcome', 'heard-outcomes', 'heard-trend', 'heard-by-meeting-type', 'heard-by-group', 'prepared', 'chair-met-before', 'views-changed-plan', 'methods', 'children-heard', 'children-in-cohort', 'group-share', 'survey-agreeing', 'feedback-offered', 'feedback-answered', 'feedback-listened-well', 'audits-sampled', 'audits-done', 'audits-not-done', 'audit-grades', 'exit-endings', 'exit-offered', 'exit-held'],
    records: ['examples', 'examples-per-promise', 'examples-by-mode', 'items-raised', 'items-done', 'items-not-possible', 'items-overdue'],
  },
};

// Surveys and group activities are sections of their own (participation-view.ts), shown by the CICC, board and senior views.
const VIEWS = { weekly: '../weekly/weekly-view.ts+audits-view.ts', cicc: '../cicc/cicc-view.ts+participation-view.ts', cpb: '../cpb/cpb-view.ts+participation-view.ts', senior: '../senior/senior-view.ts+participation-view.ts+audits-view.ts' };
const source = (files: string) => files.split('+').map((file) => readFileSync(join(__dirname, file), 'utf8')).join('\n');

describe('every figure a digest shows is declared once, as a count of children or of the council\'s own records', () => {
  it('lists every figure of every digest with its kind', () => {
    const declared: Record<string, Record<string, string[]>> = {};
    for (const [id, kind] of Object.entries(FIGURES)) {
      const [digest, name] = id.split('.') as [string, string];
      ((declared[digest] ??= { children: [], records: [] })[kind] as string[]).push(name);
    }
    const sorted = (o: typeof declared) => Object.fromEntries(Object.entries(o).map(([d, k]) => [d, { children: [...k.children!].sort(), records: [...k.records!].sort() }]));
    expect(sorted(declared)).toEqual(sorted(EXPECTED as unknown as typeof declared));
  });

  it('each declared figure is shown by its digest, and no view counts or suppresses a number any other way', () => {
    for (const [digest, file] of Object.entries(VIEWS)) {
      const text = source(file);
      for (const id of Object.keys(FIGURES).filter((f) => f.startsWith(`${digest}.`))) expect({ id, used: text.includes(`'${id}'`) }).toEqual({ id, used: true });
      expect({ file, direct: text.match(/\b(?:showCount|suppressedRate|suppressRow|suppressRates|exactRate|countText|countValue|rateFor)\(/g) ?? [] }).toEqual({ file, direct: [] });
    }
  });

  it('suppresses a small count of children in a channel, never a count of records, and neither for a person', () => {
    const channel = { kind: 'channel' } as const;
    expect(figureCount('cpb.children-heard', 3, channel).text).toBe('fewer than 5');
    expect(figureCount('cpb.items-done', 3, channel).text).toBe('3');
    expect(figureCount('weekly.managers-told', 3, { kind: 'person' }).text).toBe('3');
    expect(figureRate('cpb.advocacy', { n: 3, d: 20 }, channel).text).toBe('fewer than 5 of 20');
    expect(figureRow('cpb.examples-by-mode', [3, 10], channel).cells.map((c) => c.text)).toEqual(['3', '10']);
  });
});
