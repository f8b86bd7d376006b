import { DateTime } from 'luxon';
import { WorkingCalendar, englandAndWales as cal, londonDate, londonInstant } from './working-days';

describe('working days in England and Wales', () => {
  it('skips the weekend', () => {
    expect(cal.addWorkingDays('2026-11-27', 1)).toBe('2026-11-30'); // Fri -> Mon
    expect(cal.addWorkingDays('2026-11-30', -1)).toBe('2026-11-27');
  });

  it('skips Christmas, Boxing Day and their substitute days', () => {
    // 2026: Christmas Friday, Boxing Day Saturday so Monday 28th is the substitute day
    expect(cal.isBankHoliday('2026-12-28')).toBe(true);
    expect(cal.addWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
    expect(cal.addWorkingDays('2026-12-29', -2)).toBe('2026-12-23');
  });

  it('knows one-off extra bank holidays', () => {
    expect(cal.isBankHoliday('2022-09-19')).toBe(true); // State funeral of Queen Elizabeth II
    expect(cal.isWorkingDay('2023-05-08')).toBe(false); // Coronation
  });

  it('counts working days between two dates', () => {
    expect(cal.workingDaysBetween('2026-11-23', '2026-11-30')).toBe(5);
    expect(cal.workingDaysBetween('2026-11-30', '2026-11-23')).toBe(-5);
    expect(cal.workingDaysBetween('2026-12-24', '2026-12-31')).toBe(3);
  });

  it('says how far ahead its holiday list reaches', () => {
    expect(cal.coveredUntil >= '2027-12-31').toBe(true);
    expect(new WorkingCalendar(['2020-01-01']).coveredUntil).toBe('2020-12-31');
  });
});

describe('London time across the clock changes', () => {
  it('08:30 in winter is 08:30 UTC, and in summer 07:30 UTC', () => {
    expect(londonInstant('2026-01-15', '08:30').toISOString()).toBe('2026-01-15T08:30:00.000Z');
    expect(londonInstant('2026-07-15', '08:30').toISOString()).toBe('2026-07-15T07:30:00.000Z');
  });

  it('handles the days the clocks go forward and back', () => {
    expect(londonInstant('2026-03-29', '08:30').toISOString()).toBe('2026-03-29T07:30:00.000Z');
    expect(londonInstant('2026-10-25', '08:30').toISOString()).toBe('2026-10-25T08:30:00.000Z');
  });

  it('a late-evening UTC instant in summer is already the next London day', () => {
    expect(londonDate(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(londonDate(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });

  it('the London date is right on both sides of each clock change, to the minute', () => {
    // Clocks go forward at 01:00 UTC on 29 March 2026 and back at 01:00 UTC on 25 October 2026.
    expect(londonDate(new Date('2026-03-28T23:59:00Z'))).toBe('2026-03-28');
    expect(londonDate(new Date('2026-03-29T00:59:00Z'))).toBe('2026-03-29');
    expect(londonDate(new Date('2026-10-24T23:00:00Z'))).toBe('2026-10-25'); // 00:00 BST
    expect(londonDate(new Date('2026-10-24T22:59:00Z'))).toBe('2026-10-24');
    expect(londonDate(new Date('2026-10-25T23:00:00Z'))).toBe('2026-10-25'); // 23:00 GMT
    // Every 7 minutes over two years, as luxon in the London zone says.
    for (let ms = Date.parse('2026-01-01T00:00:00Z'); ms < Date.parse('2028-01-01T00:00:00Z'); ms += 7 * 60_000) {
      const at = new Date(ms);
      const expected = DateTime.fromJSDate(at, { zone: 'Europe/London' }).toISODate();
      if (londonDate(at) !== expected) throw new Error(`${at.toISOString()}: ${londonDate(at)} not ${expected}`);
    }
  });
});

describe('dates that are not dates', () => {
  it('30 February is no working day, and counting from it is refused rather than run for ever', () => {
    expect(cal.isWorkingDay('2026-02-30')).toBe(false);
    expect(() => cal.addWorkingDays('2026-02-30', 3)).toThrow(RangeError);
    expect(() => cal.workingDaysBetween('2026-02-01', 'soon')).toThrow(RangeError);
  });

  it('counts across the clock changes and the turn of the year as on a wall calendar', () => {
    expect(cal.addWorkingDays('2026-03-27', 1)).toBe('2026-03-30');
    expect(cal.addWorkingDays('2026-10-23', 1)).toBe('2026-10-26');
    expect(cal.workingDaysBetween('2026-12-24', '2027-01-04')).toBe(4);
  });
});
