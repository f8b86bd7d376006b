import type { Person } from '../model/person';
import type { AuditLog, PersonStore, TeamStore } from '../ports';
import { decide, requireAllowed } from '../roles/authorise';

/** The people a record belongs to: who wrote it and (for an item) who owns it. */
export interface Holders {
  authorId: string;
  ownerId?: string;
  teamId?: string;
  /** How the record is named in the audit trail (its id). */
  id?: string;
}

/**
 * Opening and updating an item: the owner, the author, the owner's (or author's) line manager, the
 * team's manager, or an admin. Changing and withdrawing: the author or an admin only ('example.edit'
 * for examples). A refusal is audited when the deps carry the audit log.
 */
export async function authorise(
  actor: Person,
  holders: Holders,
  what: 'update' | 'edit' | 'example',
  deps: { people: Pick<PersonStore, 'get'>; teams?: Pick<TeamStore, 'get'>; audit?: Pick<AuditLog, 'append'> },
): Promise<void> {
  // The rules live in core/roles/policy.ts; only look people up when needed.
  const action = what === 'edit' ? 'tracker.edit' : what === 'example' ? 'example.edit' : 'tracker.update';
  const recordType = what === 'example' ? 'example' : 'tracker-item';
  const cheap = { holderIds: [holders.ownerId], authorId: holders.authorId, recordType, ...(holders.id ? { label: holders.id } : {}) };
  if (decide(actor, action, cheap).allowed) return;
  if (action !== 'tracker.update') {
    await requireAllowed(actor, action, cheap, { audit: deps.audit });
    return;
  }
  const [owner, author, team] = await Promise.all([
    holders.ownerId ? deps.people.get(holders.ownerId) : undefined,
    deps.people.get(holders.authorId),
    holders.teamId && deps.teams ? deps.teams.get(holders.teamId) : undefined,
  ]);
  await requireAllowed(actor, action, { ...cheap, lineManagerIds: [owner?.lineManagerId, author?.lineManagerId], teamManagerId: team?.managerId }, { audit: deps.audit });
}
