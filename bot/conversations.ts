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
    if (record) await services.conversations.save(record);
    return true;
  });
}
