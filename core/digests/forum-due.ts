import { DateTime } from 'luxon';
import { LONDON, londonDate, type WorkingCalendar } from '../calendar/working-days';
import type { ForumCalendar, ForumOccurrence } from './ports';

/** The London date a forum meeting's digest is due: N working days before the meeting. */
export const digestSendDay = (start: Date, calendar: WorkingCalendar, workingDaysAhead: number): string =>
  calendar.addWorkingDays(londonDate(start), -workingDaysAhead);

/**
 * The forum meetings whose digest is due at `now`: from `hour` London time on the date N working days before
 * the meeting, until the meeting starts. Hourly timers call this; dedupe keys make repeats send nothing.
 */
export async function forumDigestsDue(
  forums: ForumCalendar,
  forum: ForumOccurrence['forum'],
  now: Date,
  opts: { calendar: WorkingCalendar; workingDaysAhead: number; hour?: number; forceOccurrenceId?: string },
): Promise<ForumOccurrence[]> {
  const local = DateTime.fromJSDate(now, { zone: LONDON });
  const today = local.toISODate() as string;
  const upcoming = await forums.occurrencesBetween(forum, now, new Date(now.getTime() + 60 * 86_400_000));
  return upcoming.filter((o) => {
    if (opts.forceOccurrenceId) return o.id === opts.forceOccurrenceId;
    const sendOn = digestSendDay(new Date(o.start), opts.calendar, opts.workingDaysAhead);
    return today > sendOn || (today === sendOn && local.hour >= (opts.hour ?? 8));
  });
}
