import type { Application, TurnState } from '@microsoft/teams-ai';
import type { Activity } from 'botbuilder';
import { conversationRecordOf } from './conversation-reference';
import type { BotServices } from './services';

/**
 * Keeps a fresh conversation reference for every conversation the bot is in, so the outbox can reach
 * the person or channel later (the service URL can change; the latest one wins).
 */
export function registerConversationReferences(app: Application<TurnState>, services: BotServices): void {
  app.turn('beforeTurn', async (context) => {
    const record = conversationRecordOf(context.activity as Activity, services.clock.now());
    if (!record) return true;
    try {
      await services.conversations.save(record);
    } catch (err) {
      // The reference is refreshed on every turn: a storage outage must not stop the user's own request.
      console.error(`could not store the conversation reference (activity ${context.activity.id ?? '?'}):`, err);
    }
    return true;
  });
}
