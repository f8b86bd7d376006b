import { DateTime } from 'luxon';
import { LONDON, londonInstant, type IsoDate, type WorkingCalendar } from '../calendar/working-days';

/** A half-open period [from, to) of London calendar dates, with its instants. */
export interface Period {
  from: IsoDate;
  to: IsoDate;
}

export const shiftDate = (date: IsoDate, days: number): IsoDate =>
  DateTime.fromISO(date, { zone: LONDON }).plus({ days }).toISODate() as IsoDate;

/** The Monday of the London week holding `date`. */
export const mondayOf = (date: IsoDate): IsoDate =>
  DateTime.fromISO(date, { zone: LONDON }).startOf('week').toISODate() as IsoDate;

export const periodInstants = (p: Period): { from: Date; to: Date } => ({ from: londonInstant(p.from), to: londonInstant(p.to) });

// Periods repeat across thousands of rows: convert each London date to an instant once.
const msCache = new Map<string, number>();
const msOf = (date: string): number => {
  let ms = msCache.get(date);
  if (ms === undefined) {
    ms = londonInstant(date).getTime();
    if (msCache.size > 5000) msCache.clear();
    msCache.set(date, ms);
  }
  return ms;
};

/** True when an ISO instant falls in the period (London dates, half-open). */
export const within = (iso: string | undefined, p: Period): boolean => {
  if (!iso) return false;
  const t = Date.parse(iso);
  return t >= msOf(p.from) && t < msOf(p.to);
};

/** The first working day of the week holding `date` (Tuesday after a bank-holiday Monday). */
export function firstWorkingDayOfWeek(date: IsoDate, calendar: WorkingCalendar): IsoDate {
  return calendar.onOrNextWorkingDay(mondayOf(date));
}

/**
 * Whether the weekly digest is due at `now`: on the week's first working day, from `hour` London time.
 * Timers run hourly in UTC; the outbox's dedupe key (one per week per recipient) makes later runs that day
 * send nothing new, and a run missed at 08:00 still sends at 09:00.
 */
export function weeklyDigestDue(now: Date, calendar: WorkingCalendar, hour = 8): { due: boolean; weekStart: IsoDate } {
  const local = DateTime.fromJSDate(now, { zone: LONDON });
  const today = local.toISODate() as IsoDate;
  const weekStart = mondayOf(today);
  return { due: today === firstWorkingDayOfWeek(today, calendar) && local.hour >= hour, weekStart };
}
