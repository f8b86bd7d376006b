import { DateTime } from 'luxon';
import { LONDON, type IsoDate, type WorkingCalendar } from '../calendar/working-days';

// When the voice is needed for the points that are not meetings with a date of their own: an assessment's due
// date, and the core groups of a child protection plan. Working days skip weekends and England & Wales bank
// holidays; the day counted from is day 0.

/** An assessment is due 45 working days after the referral (the maximum timescale Working Together sets for assessments). */
export const ASSESSMENT_WORKING_DAYS = 45;
/** The first core group meets within 10 working days of the initial child protection conference. */
export const FIRST_CORE_GROUP_WORKING_DAYS = 10;
/** Core groups after the first: every 6 weeks unless the council says otherwise (CORE_GROUP_INTERVAL_WEEKS). */
export const DEFAULT_CORE_GROUP_INTERVAL_WEEKS = 6;

/** The day an assessment is due: 45 working days after the referral (a weekend referral counts from the Monday). */
export const assessmentDueOn = (calendar: WorkingCalendar, referredOn: IsoDate, workingDays = ASSESSMENT_WORKING_DAYS): IsoDate =>
  calendar.addWorkingDays(referredOn, workingDays);

/** The last day the first core group can meet: 10 working days after the ICPC. */
export const firstCoreGroupBy = (calendar: WorkingCalendar, icpcOn: IsoDate): IsoDate =>
  calendar.addWorkingDays(icpcOn, FIRST_CORE_GROUP_WORKING_DAYS);

/**
 * The last day the next core group can meet: `weeks` after the last one, or the working day before that when
 * it falls on a weekend or bank holiday (the interval is a maximum, so the meeting comes earlier, never later).
 */
export function nextCoreGroupBy(calendar: WorkingCalendar, lastOn: IsoDate, weeks: number): IsoDate {
  const d = DateTime.fromISO(lastOn, { zone: LONDON }).plus({ weeks }).toISODate() as IsoDate;
  return calendar.isWorkingDay(d) ? d : calendar.addWorkingDays(d, -1);
}
