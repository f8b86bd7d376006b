import { app, type InvocationContext, type Timer } from '@azure/functions';
import { runForumTimer, type ForumServices } from './forum-services';
import { getServices } from './services';

const forumServices = (): ForumServices => getServices().forumFeature;

/**
 * Every 15 minutes (NCRONTAB is UTC): the rules decide what is due in London time, and the outbox's
 * dedupe keys make reruns send nothing new.
 */
export async function forumReminders(_timer: Timer | unknown, context: InvocationContext): Promise<void> {
  const result = await runForumTimer(forumServices());
  context.log(`forum reminders (invocation ${context.invocationId}): ${JSON.stringify(result)}`);
}


app.timer('forumReminders', { schedule: '30 */15 * * * *', runOnStartup: false, handler: forumReminders });
