import type { AdaptiveCard, Application, TurnState } from '@microsoft/teams-ai';
import { voiceVerbs } from '../cards/voice-actions';
import type { VoiceServices } from '../core/voice';
import { registerCover } from './cover';
import { registerMeetings } from './meetings';
import { registerPeopleSearch } from './people-search';
import { handleVoiceAction } from './voice-handlers';

/**
 * The voice-of-the-child cards' Universal Actions (Action.Execute): each answer replaces the card in
 * place. Registered only when the composition root provides the voice services.
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
    return typeof answer === 'string' ? answer : (answer as unknown as AdaptiveCard); // our cards are type 'AdaptiveCard', version 1.5
  });
}
