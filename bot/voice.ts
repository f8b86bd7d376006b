import type { Application, TurnState } from '@microsoft/teams-ai';
import type { VoiceServices } from '../core/voice';
import type { TrackerDeps } from '../core/tracker';
import { onCardAction } from './card-action';
import { registerCover } from './cover';
import { registerMeetings } from './meetings';
import { registerPeopleSearch } from './people-search';
import { voiceAction } from './voice-handlers';

/**
 * The voice-of-the-child features: card actions (Action.Execute, answered with the card redrawn in
 * place), "my meetings" / "team meetings", "cover", and the people picker's typeahead. Registered only
 * when the composition root provides the voice services.
 */
export function registerVoice(app: Application<TurnState>, services: { voice?: VoiceServices; tracker?: Pick<TrackerDeps, 'items' | 'newId' | 'pii'> }): void {
  const voice = services.voice;
  if (!voice) return;
  // Feedback's "what would have helped" becomes a "You said" item through the tracker's store, when it is set up.
  const actionDeps = services.tracker ? { ...voice, tracker: services.tracker } : voice;
  registerMeetings(app, voice);
  registerPeopleSearch(app, voice);
  registerCover(app, voice);
  onCardAction(app, voiceAction(actionDeps));
}
