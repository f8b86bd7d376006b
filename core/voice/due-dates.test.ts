import { englandAndWales as cal } from '../calendar/working-days';
import { assessmentDueOn, firstCoreGroupBy, nextCoreGroupBy } from './due-dates';
import { meeting } from '../testing';
import { freshFrom } from './freshness';
import { scheduleFor } from './schedule';
import { voiceSettings } from './settings';

const defaults = voiceSettings();
const due = (s: ReturnType<typeof scheduleFor>) => Object.fromEntries(s.stages.map((x) => [x.id, x.due ?? 'on import']));

describe('when an assessment is due', () => {
  it('is 45 working days after the referral, skipping weekends', () => {
    expect(assessmentDueOn(cal, '2027-02-01')).toBe('2027-04-07'); // Mon 1 Feb: 9 weeks of 5 days, then Good Friday 26 Mar and Easter Monday 29 Mar push it 2 days on
  });

  it('counts over Christmas, the Boxing Day substitute and New Year\'s Day', () => {
    // Mon 16 Nov 2026: without the three bank holidays it would be Mon 18 Jan 2027.
    expect(assessmentDueOn(cal, '2026-11-16')).toBe('2027-01-21');
  });

  it('a referral at the weekend counts from the Monday', () => {
    expect(assessmentDueOn(cal, '2026-11-21')).toBe(assessmentDueOn(cal, '2026-11-20')); // Saturday and the Friday before
    expect(assessmentDueOn(cal, '2026-11-22')).toBe('2027-01-27');
  });

  it('wants the child\'s views by the due date, nudging 15, 5 and 2 working days before it', () => {
    const s = scheduleFor(meeting('a', 'ASSESSMENT', '2027-01-21'), defaults, cal);
    expect(s.voiceBy).toBe('2027-01-21');
    expect(due(s)).toEqual({ 'd-15': '2026-12-30', 'd-5': '2027-01-14', 'd-2': '2027-01-19' });
  });

  it('an early help assessment has its own schedule a council can change alone', () => {
    const settings = voiceSettings({ types: { EH_ASSESSMENT: { voiceByWorkingDaysBefore: 0, nudges: [10, 3] } } });
    expect(due(scheduleFor(meeting('e', 'EH_ASSESSMENT', '2027-01-21'), settings, cal))).toEqual({ 'd-10': '2027-01-07', 'd-3': '2027-01-18' });
    expect(due(scheduleFor(meeting('a', 'ASSESSMENT', '2027-01-21'), settings, cal))).toEqual({ 'd-15': '2026-12-30', 'd-5': '2027-01-14', 'd-2': '2027-01-19' });
  });
});

describe('when a core group meets', () => {
  it('the first is within 10 working days of the initial conference', () => {
    expect(firstCoreGroupBy(cal, '2026-11-25')).toBe('2026-12-09'); // Wednesday to Wednesday, two weeks on
  });

  it('the 10 working days skip Christmas and New Year', () => {
    expect(firstCoreGroupBy(cal, '2026-12-18')).toBe('2027-01-06'); // Fri 18 Dec: 21-24, 29-31 Dec, 4-6 Jan
  });

  it('the next comes at the council\'s interval, on the working day before when that is a bank holiday', () => {
    expect(nextCoreGroupBy(cal, '2026-11-09', 6)).toBe('2026-12-21');
    expect(nextCoreGroupBy(cal, '2026-11-16', 6)).toBe('2026-12-24'); // Mon 28 Dec is the Boxing Day substitute
    expect(nextCoreGroupBy(cal, '2026-11-16', 4)).toBe('2026-12-14');
  });

  it('nudges 5 and 2 working days before, and views a month old are stale', () => {
    const m = meeting('c', 'CORE_GROUP', '2027-01-06');
    expect(due(scheduleFor(m, defaults, cal))).toEqual({ 'd-5': '2026-12-29', 'd-2': '2027-01-04' });
    expect(freshFrom(m, defaults)).toBe('2026-12-06');
    expect(freshFrom(meeting('a', 'ASSESSMENT', '2027-01-21'), defaults)).toBe('2026-10-21');
  });
});
