import type { AdaptiveCard, Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes } from 'botbuilder';
import { voiceVerbs } from '../cards/voice-actions';
import type { VoiceServices } from '../core/voice';
import type { TrackerDeps } from '../core/tracker';
import { registerCover } from './cover';
import { registerMeetings } from './meetings';
import { registerPeopleSearch } from './people-search';
import { handleVoiceAction } from './voice-handlers';

/**
 * The voice-of-the-child features: card actions (Action.Execute, answered with the card redrawn in
 * place), "my meetings" / "team meetings", "cover", and the people picker's typeahead. Registered only
 * when the composition root provides the voice services.
 */
export function registerVoice(app: Application<TurnState>, services: { voice?: VoiceServices; participation?: Pick<TrackerDeps, 'items' | 'newId' | 'pii'> }): void {
  const voice = services.voice;
  if (!voice) return;
  // Feedback's "what would have helped" becomes a "You said" item through the tracker's store, when it is set up.
  const actionDeps = services.participation ? { ...voice, tracker: services.participation } : voice;
  registerMeetings(app, voice);
  registerPeopleSearch(app, voice);
  registerCover(app, voice);
  app.adaptiveCards.actionExecute<Record<string, unknown>>([...voiceVerbs], async (context, _state, data) => {
    const verb = (context.activity.value as { action?: { verb?: string } } | undefined)?.action?.verb;
    const answer = await handleVoiceAction(context.activity.from?.aadObjectId, { ...data, verb }, actionDeps);
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
