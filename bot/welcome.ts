import type { Application, TurnState } from '@microsoft/teams-ai';
import { CardFactory, type Activity, type TurnContext } from 'botbuilder';
import { conversationKeyOf } from './conversation-reference';
import type { BotServices } from './services';
import { welcomeCard } from './welcome-card';

const botWasAdded = (context: TurnContext): boolean =>
  (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient?.id);

/**
 * Greets once per conversation when the app is installed (personal, team or group chat). Teams and the
 * Playground send installationUpdate and conversationUpdate together, and again on every page load:
 * the conversation store's markGreeted lets exactly one of them through.
 */
export function registerWelcome(app: Application<TurnState>, services: BotServices): void {
  const greet = async (context: TurnContext): Promise<void> => {
    const key = conversationKeyOf(context.activity as Activity);
    if (!key) return;
    if (!(await services.conversations.markGreeted(key, services.clock.now()))) return;
    const where = key.startsWith('person:') ? 'personal' : key.startsWith('channel:') ? 'channel' : 'groupChat';
    const aadId = context.activity.from?.aadObjectId;
    const person = where === 'personal' && aadId ? await services.people.get(aadId) : undefined;
    const card = welcomeCard({ person, where, councilName: services.config.COUNCIL_NAME });
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  };

  app.conversationUpdate('membersAdded', async (context) => {
    // In a 1:1 chat any arrival is the install; elsewhere only the bot's own arrival is.
    const personal = conversationKeyOf(context.activity as Activity)?.startsWith('person:');
    if (personal || botWasAdded(context)) await greet(context);
  });
  app.activity('installationUpdate', async (context) => {
    const action = (context.activity as Activity & { action?: string }).action ?? 'add';
    if (action.startsWith('add')) await greet(context);
  });
}
