import type { Application, TurnState } from '@microsoft/teams-ai';
import { searchPeople, type VoiceServices } from '../core/voice';

/** The people picker's typeahead (Input.ChoiceSet with Data.Query, dataset "people"): Teams asks, we answer. */
export function registerPeopleSearch(app: Application<TurnState>, voice: Pick<VoiceServices, 'people'>): void {
  app.adaptiveCards.search('people', async (context, _state, query) =>
    searchPeople({ text: query.parameters.queryText, skip: query.skip, top: query.count, excludeId: context.activity.from?.aadObjectId }, voice),
  );
}
