import { englandAndWales as cal } from '../calendar/working-days';
import { meeting } from '../testing';
import { scheduleFor } from './schedule';
import { voiceSettings } from './settings';

const defaults = voiceSettings();
const due = (s: ReturnType<typeof scheduleFor>) => Object.fromEntries(s.stages.map((x) => [x.id, x.due ?? 'on import']));

describe('when a child\'s views are due, and when the worker is nudged', () => {
  it('an initial conference wants views 2 working days before, nudging on import and 3 and 1 days before that', () => {
    const s = scheduleFor(meeting('m', 'ICPC', '2026-12-02'), defaults, cal); // Wednesday
    expect(s.voiceBy).toBe('2026-11-30'); // Monday
    expect(due(s)).toEqual({ import: 'on import', 'd-3': '2026-11-25', 'd-1': '2026-11-27' });
    expect(s.stages.at(-1)?.id).toBe('d-1');
  });

  it('a review conference after Christmas counts back over the bank holidays and the substitute day', () => {
    // 2027-01-05 Tue: back over 1 Jan (Fri), 28 Dec (substitute for Boxing Day), 25 Dec.
    const s = scheduleFor(meeting('m', 'RCPC', '2027-01-05'), defaults, cal);
    expect(s.voiceBy).toBe('2026-12-24');
    expect(due(s)).toEqual({ 'd-10': '2026-12-10', 'd-5': '2026-12-17', 'd-2': '2026-12-22' });
  });

  it('a family group conference has no report: views are due by the meeting, nudges skip Easter', () => {
    const s = scheduleFor(meeting('m', 'FGC', '2027-03-31'), defaults, cal);
    expect(s.voiceBy).toBe('2027-03-31');
    expect(due(s)).toEqual({ 'd-5': '2027-03-22', 'd-2': '2027-03-25' });
  });

  it('looked-after, child in need and pathway reviews nudge 10, 5 and 2 working days before the meeting', () => {
    for (const type of ['CLA_REVIEW', 'CIN_REVIEW', 'PATHWAY_REVIEW'] as const) {
      const s = scheduleFor(meeting('m', type, '2026-12-16'), defaults, cal);
      expect(s.voiceBy).toBe('2026-12-16');
      expect(due(s)).toEqual({ 'd-10': '2026-12-02', 'd-5': '2026-12-09', 'd-2': '2026-12-14' });
    }
  });

  it('a council that counts clear days moves each date one working day earlier', () => {
    const s = scheduleFor(meeting('m', 'ICPC', '2026-12-02'), voiceSettings({ dayZero: 'clear-days' }), cal);
    expect(s.voiceBy).toBe('2026-11-27'); // two whole working days (Mon, Tue) between
    expect(due(s)['d-1']).toBe('2026-11-25');
  });

  it('a council can change one meeting type and keep the others', () => {
    const settings = voiceSettings({ types: { RCPC: { voiceByWorkingDaysBefore: 3, nudges: [4] } } });
    expect(scheduleFor(meeting('m', 'RCPC', '2026-12-02'), settings, cal).voiceBy).toBe('2026-11-27');
    expect(scheduleFor(meeting('m', 'ICPC', '2026-12-02'), settings, cal).voiceBy).toBe('2026-11-30');
  });

  it('a meeting just after midnight in summer time belongs to its London day, not the UTC one', () => {
    const m = { ...meeting('m', 'FGC', '2026-03-30'), start: '2026-03-29T23:30:00.000Z' }; // 00:30 BST on Monday 30th
    expect(scheduleFor(m, defaults, cal).meetingDate).toBe('2026-03-30');
  });

  it('the dates are the same on both sides of the autumn clock change', () => {
    const s = scheduleFor(meeting('m', 'CLA_REVIEW', '2026-10-28'), defaults, cal); // clocks go back Sun 25 Oct
    expect(due(s)).toEqual({ 'd-10': '2026-10-14', 'd-5': '2026-10-21', 'd-2': '2026-10-26' });
  });
});
