import type { Application, TurnState } from '@microsoft/teams-ai';
import type { ForumFeature } from '../core/forums/feature';
import { onCardAction, sendAnswer } from './card-action';
import { onCommand } from './command-router';
import { forumAction, forumsListCard } from './forums-handlers';

/**
 * `forums` and the forum cards' Universal Actions (each answer replaces the card pressed).
 * Registered only when the composition root provides the forum feature.
 */
export function registerForums(app: Application<TurnState>, services: { forums?: ForumFeature }): void {
  const f = services.forums;
  if (!f) return;
  onCommand(app, 'forums', async (context) => {
    const actor = context.activity.from?.aadObjectId ? await f.people.get(context.activity.from.aadObjectId) : undefined;
    await sendAnswer(context, await forumsListCard(actor, f));
  });
  onCardAction(app, forumAction(f));
}
