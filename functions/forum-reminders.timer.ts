import { app, type InvocationContext, type Timer } from '@azure/functions';
import type { TrackerStore } from '../core/tracker';
import { buildForumServices, runForumTimer, type ForumServices } from './forum-services';
import { getServices, type Services } from './services';

let forum: ForumServices | undefined;
const forumServices = (): ForumServices => {
  const s = getServices() as Services & { outbox?: ForumServices['outbox']; trackerItems?: TrackerStore };
  return (forum ??= buildForumServices({ ...s, outbox: s.outbox, trackerItems: s.trackerItems }));
};

/**
 * Every 15 minutes (NCRONTAB is UTC): the rules decide what is due in London time, and the outbox's
 * dedupe keys make reruns send nothing new.
 */
export async function forumReminders(_timer: Timer | unknown, context: InvocationContext): Promise<void> {
  const result = await runForumTimer(forumServices());
  context.log(`forum reminders (invocation ${context.invocationId}): ${JSON.stringify(result)}`);
}

/** For tests that change the environment. */
export const resetForumReminders = (): void => {
  forum = undefined;
};

app.timer('forumReminders', { schedule: '30 */15 * * * *', runOnStartup: false, handler: forumReminders });
