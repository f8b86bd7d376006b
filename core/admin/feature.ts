import type { AuditReader } from '../audit/ports';
import type { ConversationStore } from '../ports';
import type { HeldImports } from './imports';
import type { AdminDeps } from './overview';
import type { PauseDeps } from './pause';

/** What the admin view needs at run time, built by the host's composition root. */
export interface AdminFeature {
  deps: AdminDeps;
  /** The voice feature's stores, to pause one meeting's nudges; absent when the voice feature is off. */
  pause?: PauseDeps;
  auditReader: AuditReader;
  /** Stored conversation references, to reach a channel to delete a post. */
  conversations: Pick<ConversationStore, 'get'>;
  /** Imports held by the accidental-delete threshold; absent where the host has no imports. */
  imports?: HeldImports;
}
