import { DomainError } from '../errors';
import type { Person } from '../model/person';
import type { AuditLog } from '../ports';
import { POLICY, type Action, type Relation } from './policy';

/** The record acted on, as far as who may act on it: ids only, gathered by the caller. */
export interface Subject {
  /** How the record is named in a refusal and the audit trail (a case reference, an item id). */
  label?: string;
  recordType?: string;
  /** The allocated worker, or an item's owner. */
  holderIds?: readonly (string | undefined)[];
  /** Colleagues covering the holder's leave today. */
  coverIds?: readonly (string | undefined)[];
  authorId?: string;
  /** Line managers of the holders and the author. */
  lineManagerIds?: readonly (string | undefined)[];
  teamManagerId?: string;
  facilitatorIds?: readonly string[];
  /** The meeting's chair (IRO or conference chair), for a record about one meeting. */
  chairIds?: readonly (string | undefined)[];
  /** The auditor a case-file audit was assigned to. */
  auditorIds?: readonly string[];
}

export type Decision = { allowed: true; by: Relation | 'role' } | { allowed: false; reason: string };

/** What someone the staff list has left out (a people snapshot marked them gone) is told, whatever they try. */
export const LEAVER_REFUSAL =
  "You are no longer on Golden Thread's staff list (the council's people import left you out), so you can't do this any more. If that is wrong, ask your administrator.";

/** Who acts: their id and roles, and whether a people snapshot has marked them gone (a leaver acts as no one). */
export type Actor = Pick<Person, 'id' | 'roles' | 'goneOn'>;

/** How the actor stands towards the record. */
export function relationsOf(actorId: string, s: Subject = {}): Relation[] {
  const out: Relation[] = [];
  if (s.holderIds?.includes(actorId)) out.push('holder');
  if (s.coverIds?.includes(actorId)) out.push('cover');
  if (s.authorId === actorId) out.push('author');
  if (s.lineManagerIds?.includes(actorId)) out.push('line_manager');
  if (s.teamManagerId === actorId) out.push('team_manager');
  if (s.facilitatorIds?.includes(actorId)) out.push('facilitator');
  if (s.chairIds?.includes(actorId)) out.push('chair');
  if (s.auditorIds?.includes(actorId)) out.push('auditor');
  return out;
}

/** The one check: may this actor take this action on this record? Pure; relations first, then roles. */
export function decide(actor: Actor | undefined, action: Action, subject: Subject = {}): Decision {
  const rule = POLICY[action];
  const reason = rule.refusal.replace('{ref}', subject.label ?? 'this record');
  if (!actor) return { allowed: false, reason };
  // A leaver keeps no role and no relation, even while a children file still names them as a worker.
  if (actor.goneOn) return { allowed: false, reason: LEAVER_REFUSAL };
  const relation = relationsOf(actor.id, subject).find((r) => (rule.relations as readonly Relation[]).includes(r));
  if (relation) return { allowed: true, by: relation };
  if (actor.roles.some((r) => (rule.roles as readonly string[]).includes(r))) return { allowed: true, by: 'role' };
  return { allowed: false, reason };
}

/** `decide`, and a refusal written to the audit trail when an audit log is given. */
export async function authorise(
  actor: Actor | undefined,
  action: Action,
  subject: Subject = {},
  opts: { audit?: Pick<AuditLog, 'append'>; actorId?: string } = {},
): Promise<Decision> {
  const decision = decide(actor, action, subject);
  if (!decision.allowed && opts.audit) {
    await opts.audit.append({
      actorId: actor?.id ?? opts.actorId ?? 'unknown',
      action: 'access.refused',
      recordType: subject.recordType ?? 'action',
      recordId: subject.label ?? action,
      detail: { action, ...(actor?.goneOn ? { goneOn: actor.goneOn } : {}) },
    });
  }
  return decision;
}

/** `authorise`, throwing DomainError('FORBIDDEN') with the rule's words when refused. */
export async function requireAllowed(...args: Parameters<typeof authorise>): Promise<Exclude<Decision, { allowed: false }>> {
  const decision = await authorise(...args);
  if (!decision.allowed) throw new DomainError('FORBIDDEN', decision.reason);
  return decision;
}

/** Synchronous form for checks that have no audit log to hand. */
export function assertAllowed(...args: Parameters<typeof decide>): void {
  const decision = decide(...args);
  if (!decision.allowed) throw new DomainError('FORBIDDEN', decision.reason);
}
