import { app, type InvocationContext, type Timer } from '@azure/functions';
import type { TrackerStore } from '../core/tracker';
import { buildForumServices, runForumTimer, type ForumServices } from './forum-services';
import { getServices, type Services } from './services';

let forum: ForumServices | undefined;
const forumServices = (): ForumServices => {
  // The composition root's forum feature once it is wired there (shared with the bot); built here until then.
  const s = getServices() as Services & { forumFeature?: ForumServices; trackerItems?: TrackerStore };
  return (forum ??= s.forumFeature ?? buildForumServices({ ...s, trackerItems: s.trackerItems }));
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
