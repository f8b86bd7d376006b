import type { Application, TurnState } from '@microsoft/teams-ai';
import { searchPeople, type VoiceServices } from '../core/voice';
import { actorIdOf } from './card-action';

/**
 * The people picker's typeahead (Input.ChoiceSet with Data.Query, dataset "people"): Teams asks, we
 * answer, only to someone the directory knows (the gate, bot/gate.ts, holds the rule).
 */
export function registerPeopleSearch(app: Application<TurnState>, voice: Pick<VoiceServices, 'people' | 'teams'>): void {
  app.adaptiveCards.search('people', async (context, _state, query) => {
    const actorId = actorIdOf(context);
    if (!actorId || !(await voice.people.get(actorId))) return [];
    return searchPeople({ text: query.parameters.queryText, skip: query.skip, top: query.count, excludeId: actorId }, voice);
  });
}
