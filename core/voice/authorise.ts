import { DomainError } from '../errors';
import type { Child } from '../model/child';
import { hasRole, type Person } from '../model/person';
import type { PersonStore, TeamStore } from '../ports';
import type { Clock } from '../clock';
import { londonDate } from '../calendar/working-days';
import { coverOn, type CoverStore } from './cover';

export type ActorRole = 'worker' | 'cover' | 'manager' | 'admin';

/**
 * Who may act for a child: the allocated worker (or the colleague covering their leave today), their
 * line manager (or the team's manager), or an admin. Anyone else is refused with words they can understand.
 */
export async function authoriseForChild(
  actorId: string,
  child: Child,
  deps: { people: Pick<PersonStore, 'get'>; teams?: Pick<TeamStore, 'get'>; covers?: Pick<CoverStore, 'listFor'>; clock?: Clock },
): Promise<ActorRole> {
  if (actorId === child.workerId) return 'worker';
  const [actor, worker, team] = await Promise.all([
    deps.people.get(actorId),
    deps.people.get(child.workerId),
    deps.teams?.get(child.teamId),
  ]);
  if (worker?.lineManagerId === actorId || team?.managerId === actorId) return 'manager';
  if (actor && hasRole(actor, 'admin')) return 'admin';
  if (deps.covers && deps.clock && (await coverOn(child.workerId, londonDate(deps.clock.now()), deps.covers))?.coverId === actorId) return 'cover';
  throw new DomainError(
    'FORBIDDEN',
    `Only ${child.ref}'s allocated worker, their manager or an administrator can do that.`,
  );
}

export const isManagerOf = (manager: Person, worker: Person | undefined): boolean => worker?.lineManagerId === manager.id;
