import type { Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, type Activity } from 'botbuilder';
import { conversationRecordOf } from './conversation-reference';
import type { BotServices } from './services';

/**
 * Keeps a fresh conversation reference for every conversation the bot is in, so the outbox can reach
 * the person or channel later (the service URL can change; the latest one wins).
 */
export function registerConversationReferences(app: Application<TurnState>, services: BotServices): void {
  const saving = new WeakMap<object, Promise<void>>();
  app.turn('beforeTurn', async (context) => {
    const record = conversationRecordOf(context.activity as Activity, services.clock.now());
    if (!record) return true;
    const save = services.conversations.save(record).catch((err: unknown) => {
      // The reference is refreshed on every turn: a storage outage must not stop the user's own request.
      console.error(`could not store the conversation reference (activity ${context.activity.id ?? '?'}):`, err);
    });
    // A card action (invoke) must be answered within Teams' 5 s: its reference is written beside the
    // handler's own reads and waited for at the end of the turn, not before them. Other turns (installs,
    // messages, which may greet using the stored reference) still wait for it first.
    if (context.activity.type === ActivityTypes.Invoke) saving.set(context, save);
    else await save;
    return true;
  });
  app.turn('afterTurn', async (context) => {
    await saving.get(context);
    return true;
  });
}
