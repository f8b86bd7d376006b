import type { PersonStore } from '../ports';
import type { ExampleDeps } from './share';

/**
 * Everything the examples and "You said, we did" features need, built once by the composition root
 * (functions/wiring/participation.ts) and handed to the bot's handlers.
 */
export interface ParticipationFeature extends ExampleDeps {
  people: Pick<PersonStore, 'get' | 'listByTeam'>;
  /** The council's forums (id and name), offered on the "You said" form. */
  forums?: () => Promise<{ id: string; name: string }[]>;
}
