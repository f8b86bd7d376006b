import { DomainError } from '../errors';
import type { Child } from '../model/child';
import type { Person } from '../model/person';
import type { AuditLog, PersonStore, TeamStore } from '../ports';
import type { Clock } from '../clock';
import { londonDate } from '../calendar/working-days';
import { decide } from '../roles/authorise';
import { coverHolds, coverOn, type CoverStore } from './cover';

export type ActorRole = 'worker' | 'cover' | 'manager' | 'admin';

/**
 * Who may act for a child: the allocated worker (or the colleague covering their leave today), their
 * line manager (or the team's manager), or an admin. Anyone else is refused with words they can understand.
 */
export async function authoriseForChild(
  actorId: string,
  child: Child,
  deps: { people: Pick<PersonStore, 'get'>; teams?: Pick<TeamStore, 'get'>; covers?: Pick<CoverStore, 'listFor'>; clock?: Clock; audit?: Pick<AuditLog, 'append'> },
  /** The actor's directory entry, when the caller started reading it beside the meeting (one round trip fewer). */
  o: { actor?: Promise<Person | undefined> } = {},
): Promise<ActorRole> {
  // The allocated worker needs only their own entry (a leaver, marked gone, is refused by decide).
  const [actor, worker, team] = await Promise.all([
    o.actor ?? deps.people.get(actorId),
    actorId === child.workerId ? undefined : deps.people.get(child.workerId),
    actorId === child.workerId ? undefined : deps.teams?.get(child.teamId),
  ]);
  // The rule is core/roles/policy.ts's 'voice.record'; cover is looked up only when nothing else allows.
  const who = { id: actorId, roles: actor?.roles ?? [], ...(actor?.goneOn ? { goneOn: actor.goneOn } : {}) };
  const subject = { label: child.ref, holderIds: [child.workerId], lineManagerIds: [worker?.lineManagerId], teamManagerId: team?.managerId };
  let decision = decide(who, 'voice.record', subject);
  if (!decision.allowed && !actor?.goneOn && deps.covers && deps.clock) {
    const cover = await coverOn(child.workerId, londonDate(deps.clock.now()), deps.covers);
    // A cover counts only while it still holds today (the colleague still in the worker's team, or approved from outside).
    const holds = cover?.coverId === actorId && coverHolds(cover, worker, actor);
    decision = decide(who, 'voice.record', { ...subject, coverIds: [holds ? cover.coverId : undefined] });
  }
  if (!decision.allowed) {
    // Someone tried to act on a child they do not hold: the attempt itself is evidence, so it is audited.
    await deps.audit?.append({ actorId, action: 'access.refused', recordType: 'child', recordId: child.ref, detail: { action: 'voice.record', ...(actor?.goneOn ? { goneOn: actor.goneOn } : {}) } });
    throw new DomainError('FORBIDDEN', decision.reason);
  }
  return decision.by === 'holder' ? 'worker' : decision.by === 'role' ? 'admin' : decision.by === 'cover' ? 'cover' : 'manager';
}

export const isManagerOf = (manager: Person, worker: Person | undefined): boolean => worker?.lineManagerId === manager.id;
