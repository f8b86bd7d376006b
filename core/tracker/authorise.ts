import { DomainError } from '../errors';
import type { Person } from '../model/person';
import type { PersonStore, TeamStore } from '../ports';
import { decide } from '../roles/authorise';

/** The people a record belongs to: who wrote it and (for an item) who owns it. */
export interface Holders {
  authorId: string;
  ownerId?: string;
  teamId?: string;
}

/**
 * Updating progress: the owner, the author, the owner's (or author's) line manager, the team's
 * manager, or an admin. Editing and withdrawing: the author or an admin only.
 */
export async function authorise(
  actor: Person,
  holders: Holders,
  what: 'update' | 'edit',
  deps: { people: Pick<PersonStore, 'get'>; teams?: Pick<TeamStore, 'get'> },
): Promise<void> {
  // The rules live in core/roles/policy.ts ('tracker.update', 'tracker.edit'); only look people up when needed.
  const action = what === 'edit' ? 'tracker.edit' : 'tracker.update';
  const cheap = { holderIds: [holders.ownerId], authorId: holders.authorId };
  if (decide(actor, action, cheap).allowed) return;
  if (what === 'update') {
    const [owner, author, team] = await Promise.all([
      holders.ownerId ? deps.people.get(holders.ownerId) : undefined,
      deps.people.get(holders.authorId),
      holders.teamId && deps.teams ? deps.teams.get(holders.teamId) : undefined,
    ]);
    const decision = decide(actor, action, { ...cheap, lineManagerIds: [owner?.lineManagerId, author?.lineManagerId], teamManagerId: team?.managerId });
    if (decision.allowed) return;
    throw new DomainError('FORBIDDEN', decision.reason);
  }
  const refused = decide(actor, action, cheap);
  throw new DomainError('FORBIDDEN', refused.allowed ? '' : refused.reason);
}
