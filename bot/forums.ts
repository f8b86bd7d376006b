import type { AdaptiveCard, Application, TurnState } from '@microsoft/teams-ai';
import { CardFactory } from 'botbuilder';
import { forumVerbs } from '../cards/forums-actions';
import type { ForumFeature } from '../core/forums';
import type { Clock } from '../core/clock';
import { onCommand } from './command-router';
import { forumsListCard, handleForumAction } from './forums-handlers';

/**
 * `forums` and the forum cards' Universal Actions (each answer replaces the card pressed).
 * Registered only when the composition root provides the forum feature.
 */
export function registerForums(app: Application<TurnState>, services: { forumFeature?: ForumFeature; clock: Clock }): void {
  const f = services.forumFeature;
  if (!f) return;
  onCommand(app, 'forums', async (context) => {
    const actor = context.activity.from?.aadObjectId ? await f.people.get(context.activity.from.aadObjectId) : undefined;
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(await forumsListCard(actor, f))] });
  });
  app.adaptiveCards.actionExecute<Record<string, unknown>>([...forumVerbs], async (context, _state, data) => {
    const verb = (context.activity.value as { action?: { verb?: string } } | undefined)?.action?.verb;
    const answer = await handleForumAction(context.activity.from?.aadObjectId, { ...data, verb }, f);
    // The link comes as a message of its own, so the reminder it was asked from stays as it was.
    if (verb === 'forum.printable' && typeof answer !== 'string') {
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(answer)] });
      return 'A fresh link is below. It works for one hour.';
    }
    return typeof answer === 'string' ? answer : (answer as unknown as AdaptiveCard); // our cards are type 'AdaptiveCard', version 1.5
  });
}
