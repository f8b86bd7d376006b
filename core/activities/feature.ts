import type { PersonStore } from '../ports';
import type { ActivityDeps } from './log-activity';

/** What the bot's activity card needs: the use-case's dependencies, who is who, and the promises to choose from. */
export interface ActivityFeature extends ActivityDeps {
  people: Pick<PersonStore, 'get'>;
  promises: readonly { id: string; title: string }[];
}
