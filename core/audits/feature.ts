import type { PersonStore } from '../ports';
import type { GradeDeps } from './grade';

/** What the bot's audit card needs: the use-case's dependencies, who is who, and the link into the case system. */
export interface CaseAuditFeature extends GradeDeps {
  people: Pick<PersonStore, 'get'>;
  caseRecordUrl: (ref: string) => string;
}
