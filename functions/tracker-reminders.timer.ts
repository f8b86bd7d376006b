import { app, type InvocationContext, type Timer } from '@azure/functions';
import { LONDON } from '../core/calendar';
import { DateTime } from 'luxon';
import { loadServices } from './lazy';

/** The reminders act from 09:00 London on working days (NCRONTAB is UTC; Linux plans have no time zone). */
export const isReminderTime = (now: Date, isWorkingDay: (date: string) => boolean): boolean => {
  const london = DateTime.fromJSDate(now, { zone: LONDON });
  return london.hour >= 9 && isWorkingDay(london.toISODate() as string);
};

/**
 * Every 30 minutes: owners of "You said" actions get a reminder a few working days before the due
 * date and a nudge after it. Each is sent once (the outbox dedupes, the item records it), so a run
 * that repeats or catches up later in the day is harmless.
 */
export async function trackerReminders(_timer: Timer | unknown, context: InvocationContext): Promise<void> {
  const s = await loadServices();
  if (!isReminderTime(s.clock.now(), (d) => s.calendar.isWorkingDay(d))) return;
  const { runTrackerReminders } = await import('./wiring/participation');
  const result = await runTrackerReminders(s.participation, { outbox: s.outbox, calendar: s.calendar });
  context.log(`tracker reminders (invocation ${context.invocationId}): ${JSON.stringify(result)}`);
}

app.timer('trackerReminders', { schedule: '0 */30 * * * *', runOnStartup: false, handler: trackerReminders });
