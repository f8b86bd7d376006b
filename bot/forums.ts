import type { Application, TurnState } from '@microsoft/teams-ai';
import type { ForumFeature } from '../core/forums';
import { onCardAction, personOf, sendAnswer } from './card-action';
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
    await sendAnswer(context, await forumsListCard(await personOf(context, f.people), f));
  });
  onCardAction(app, forumAction(f));
}
