import { DateTime } from 'luxon';
import shipped from './bank-holidays-england-and-wales.json';

export const LONDON = 'Europe/London';

/** A calendar date, `YYYY-MM-DD`, in Europe/London. */
export type IsoDate = string;

// London's offset from UTC changes only on a whole UTC hour (01:00 UTC, both ways), so it is asked of luxon
// once per UTC hour and remembered: the morning scan asks for thousands of instants on a few days.
const HOUR_MS = 3_600_000;
const offsetByHour = new Map<number, number>();
const londonOffsetMs = (ms: number): number => {
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    offset = DateTime.fromMillis(hour * HOUR_MS, { zone: LONDON }).offset * 60_000;
    offsetByHour.set(hour, offset);
  }
  return offset;
};

/** The London calendar date of an instant. */
export const londonDate = (instant: Date): IsoDate => {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) return DateTime.fromJSDate(instant, { zone: LONDON }).toISODate() as IsoDate; // as luxon answers an invalid date
  return new Date(ms + londonOffsetMs(ms)).toISOString().slice(0, 10);
};

/** The instant at a London wall-clock time on a date: right on both sides of the clock changes. */
export function londonInstant(date: IsoDate, time = '00:00'): Date {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const dt = DateTime.fromISO(date, { zone: LONDON }).set({ hour, minute, second: 0, millisecond: 0 });
  if (!dt.isValid) throw new RangeError(`not a date: ${date} ${time}`);
  return dt.toJSDate();
}

// A calendar date's weekday and its neighbours do not depend on the time zone, so the calendar counts whole
// days since 1970 in plain numbers: luxon with a zone made these the morning scan's main cost (a few
// hundred thousand steps of addWorkingDays and workingDaysBetween for 2,000 meetings).
const DAY_MS = 86_400_000;
/** Days since 1970-01-01 of a real date; NaN for anything else (Date.parse alone would take 30 February). */
const dayNumber = (date: IsoDate): number => {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date ? Number.NaN : ms / DAY_MS;
};
const toDay = (date: IsoDate): number => {
  const day = dayNumber(date);
  if (Number.isNaN(day)) throw new RangeError(`not a date: ${date}`);
  return day;
};
const isoOf = (day: number): IsoDate => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** Saturday or Sunday (1970-01-01 was a Thursday); false for NaN. */
const weekend = (day: number): boolean => (((day + 3) % 7) + 7) % 7 >= 5;

/**
 * Working days in England: Monday to Friday, less England & Wales bank holidays (shipped as data,
 * never computed by rule: substitute and one-off days exist).
 */
export class WorkingCalendar {
  private readonly holidays: ReadonlySet<IsoDate>;
  private readonly holidayDays: ReadonlySet<number>;
  /** The last date the holiday list is known to cover (31 December of its latest year). */
  readonly coveredUntil: IsoDate;

  constructor(holidayDates: readonly IsoDate[]) {
    this.holidays = new Set(holidayDates);
    this.holidayDays = new Set(holidayDates.map(dayNumber));
    const lastYear = holidayDates.reduce((max, d) => (d > max ? d : max), '0000').slice(0, 4);
    this.coveredUntil = `${lastYear}-12-31`;
  }

  isBankHoliday(date: IsoDate): boolean {
    return this.holidays.has(date);
  }

  isWorkingDay(date: IsoDate): boolean {
    const day = dayNumber(date);
    return !Number.isNaN(day) && this.working(day);
  }

  private working(day: number): boolean {
    return !weekend(day) && !this.holidayDays.has(day);
  }

  /** Moves `n` working days from `date` (backwards when negative); `date` itself is not counted. */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    const step = n < 0 ? -1 : 1;
    let left = Math.abs(n);
    let d = toDay(date);
    while (left > 0) {
      d += step;
      if (this.working(d)) left--;
    }
    return isoOf(d);
  }

  /** The first working day on or after `date`. */
  onOrNextWorkingDay(date: IsoDate): IsoDate {
    let d = toDay(date);
    if (this.working(d)) return date;
    while (!this.working(d)) d++;
    return isoOf(d);
  }

  /** Working days after `from` up to and including `to` (negative when `to` is earlier). */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    if (from === to) return 0;
    const [a, b, sign] = from < to ? [toDay(from), toDay(to), 1] : [toDay(to), toDay(from), -1];
    let count = 0;
    for (let d = a + 1; d <= b; d++) if (this.working(d)) count++;
    return count * sign;
  }
}

/** The calendar built from the shipped GOV.UK data (2018 onwards). */
export const englandAndWales = new WorkingCalendar(shipped.events.map((e) => e.date));
