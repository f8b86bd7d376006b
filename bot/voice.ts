import type { AdaptiveCard, Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes } from 'botbuilder';
import { voiceVerbs } from '../cards/voice-actions';
import type { VoiceServices } from '../core/voice';
import { registerCover } from './cover';
import { registerMeetings } from './meetings';
import { registerPeopleSearch } from './people-search';
import { handleVoiceAction } from './voice-handlers';

/**
 * The voice-of-the-child features: card actions (Action.Execute, answered with the card redrawn in
 * place), "my meetings" / "team meetings", "cover", and the people picker's typeahead. Registered only
 * when the composition root provides the voice services.
 */
export function registerVoice(app: Application<TurnState>, services: { voice?: VoiceServices }): void {
  const voice = services.voice;
  if (!voice) return;
  registerMeetings(app, voice);
  registerPeopleSearch(app, voice);
  registerCover(app, voice);
  app.adaptiveCards.actionExecute<Record<string, unknown>>([...voiceVerbs], async (context, _state, data) => {
    const verb = (context.activity.value as { action?: { verb?: string } } | undefined)?.action?.verb;
    const answer = await handleVoiceAction(context.activity.from?.aadObjectId, { ...data, verb }, voice);
    // Answer the invoke ourselves: the card replaces the one pressed (1:1, so for its only reader). Left
    // to teams-ai, a card with `refresh` also triggers an update through the connector, which needs a
    // replyToId the Playground does not send, and costs a round trip inside the 5 s budget.
    const body =
      typeof answer === 'string'
        ? { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: answer }
        : { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: answer };
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
    return typeof answer === 'string' ? answer : (answer as unknown as AdaptiveCard);
  });
}
