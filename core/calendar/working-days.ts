import { DateTime } from 'luxon';
import shipped from './bank-holidays-england-and-wales.json';

export const LONDON = 'Europe/London';

/** A calendar date, `YYYY-MM-DD`, in Europe/London. */
export type IsoDate = string;

/** The London calendar date of an instant. */
export const londonDate = (instant: Date): IsoDate =>
  DateTime.fromJSDate(instant, { zone: LONDON }).toISODate() as IsoDate;

/** The instant at a London wall-clock time on a date: right on both sides of the clock changes. */
export function londonInstant(date: IsoDate, time = '00:00'): Date {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const dt = DateTime.fromISO(date, { zone: LONDON }).set({ hour, minute, second: 0, millisecond: 0 });
  if (!dt.isValid) throw new RangeError(`not a date: ${date} ${time}`);
  return dt.toJSDate();
}

const weekday = (date: IsoDate): number => DateTime.fromISO(date, { zone: LONDON }).weekday; // 1 = Monday
const shift = (date: IsoDate, days: number): IsoDate =>
  DateTime.fromISO(date, { zone: LONDON }).plus({ days }).toISODate() as IsoDate;

/**
 * Working days in England: Monday to Friday, less England & Wales bank holidays (shipped as data,
 * never computed by rule: substitute and one-off days exist).
 */
export class WorkingCalendar {
  private readonly holidays: ReadonlySet<IsoDate>;
  /** The last date the holiday list is known to cover (31 December of its latest year). */
  readonly coveredUntil: IsoDate;

  constructor(holidayDates: readonly IsoDate[]) {
    this.holidays = new Set(holidayDates);
    const lastYear = holidayDates.reduce((max, d) => (d > max ? d : max), '0000').slice(0, 4);
    this.coveredUntil = `${lastYear}-12-31`;
  }

  isBankHoliday(date: IsoDate): boolean {
    return this.holidays.has(date);
  }

  isWorkingDay(date: IsoDate): boolean {
    return weekday(date) <= 5 && !this.holidays.has(date);
  }

  /** Moves `n` working days from `date` (backwards when negative); `date` itself is not counted. */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    const step = n < 0 ? -1 : 1;
    let left = Math.abs(n);
    let d = date;
    while (left > 0) {
      d = shift(d, step);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /** The first working day on or after `date`. */
  onOrNextWorkingDay(date: IsoDate): IsoDate {
    let d = date;
    while (!this.isWorkingDay(d)) d = shift(d, 1);
    return d;
  }

  /** Working days after `from` up to and including `to` (negative when `to` is earlier). */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    if (from === to) return 0;
    const [a, b, sign] = from < to ? [from, to, 1] : [to, from, -1];
    let count = 0;
    for (let d = shift(a, 1); d <= b; d = shift(d, 1)) if (this.isWorkingDay(d)) count++;
    return count * sign;
  }
}

/** The calendar built from the shipped GOV.UK data (2018 onwards). */
export const englandAndWales = new WorkingCalendar(shipped.events.map((e) => e.date));
