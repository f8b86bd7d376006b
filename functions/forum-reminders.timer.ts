import { app, type InvocationContext, type Timer } from '@azure/functions';
import { loadServices } from './lazy';

/**
 * Every 15 minutes (NCRONTAB is UTC): the rules decide what is due in London time, and the outbox's
 * dedupe keys make reruns send nothing new.
 */
export async function forumReminders(_timer: Timer | unknown, context: InvocationContext): Promise<void> {
  const [{ runForumTimer }, services] = await Promise.all([import('./wiring/forums'), loadServices()]);
  const result = await runForumTimer(services.forumFeature);
  context.log(`forum reminders (invocation ${context.invocationId}): ${JSON.stringify(result)}`);
}


app.timer('forumReminders', { schedule: '30 */15 * * * *', runOnStartup: false, handler: forumReminders });
