import { DomainError } from '../errors';
import { hasRole, type Person } from '../model/person';
import type { PersonStore, TeamStore } from '../ports';

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
  if (actor.id === holders.authorId || hasRole(actor, 'admin')) return;
  if (what === 'update') {
    if (actor.id === holders.ownerId) return;
    const [owner, author, team] = await Promise.all([
      holders.ownerId ? deps.people.get(holders.ownerId) : undefined,
      deps.people.get(holders.authorId),
      holders.teamId && deps.teams ? deps.teams.get(holders.teamId) : undefined,
    ]);
    if (owner?.lineManagerId === actor.id || author?.lineManagerId === actor.id || team?.managerId === actor.id) return;
  }
  throw new DomainError(
    'FORBIDDEN',
    what === 'edit'
      ? 'Only the person who added this (or an administrator) can change or withdraw it.'
      : 'Only the owner, the person who added this, their manager or an administrator can update it.',
  );
}
