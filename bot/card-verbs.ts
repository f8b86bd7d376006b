import type { AdaptiveCard, Application, TurnState } from '@microsoft/teams-ai';
import type { Card } from '../cards/render';

/**
 * Registers a card's Action.Execute verbs: the presser's Entra id and the data (with its verb) go to the
 * handler, whose card replaces the one pressed (or whose words answer it).
 */
export function onCardVerbs(app: Application<TurnState>, verbs: readonly string[], handle: (actorId: string | undefined, data: Record<string, unknown>) => Promise<Card | string>): void {
  app.adaptiveCards.actionExecute<Record<string, unknown>>([...verbs], async (context, _state, data) => {
    const verb = (context.activity.value as { action?: { verb?: string } } | undefined)?.action?.verb;
    const answer = await handle(context.activity.from?.aadObjectId, { ...data, verb });
    return typeof answer === 'string' ? answer : (answer as unknown as AdaptiveCard); // our cards are type 'AdaptiveCard', version 1.5
  });
}
