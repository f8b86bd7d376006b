import { londonDate } from '../calendar/working-days';
import { DomainError } from '../errors';
import { meetingTypeLabel } from '../model/meeting';
import type { ChildStore, Outbox, PersonStore } from '../ports';
import { assertAllowed } from '../roles/authorise';
import { authoriseForChild } from './authorise';
import { loadMeetingContext, type VoiceDeps } from './context';
import { formatDay } from './nudge-view';
import type { ManagerDirectory } from './ports';

/** The card a manager gets to confirm who holds a case (cards/ builds it). */
export interface ReassignView {
  meetingId: string;
  childRef: string;
  text: string;
  holderId?: string;
  holderName?: string;
}

type ClaimDeps = Pick<VoiceDeps, 'meetings' | 'children' | 'people' | 'nudges' | 'audit' | 'clock' | 'calendar' | 'settings'> & {
  outbox: Outbox;
  managers: ManagerDirectory;
  reassignCard(view: ReassignView): Record<string, unknown>;
};

/**
 * "Not my case": the worker says they don't hold this child, and may name who does. Nudges for the
 * meeting pause for them, the claim is audited, and both managers (theirs, and the named holder's) are
 * told in 1:1 chat with a button to confirm. Once confirmed, or once an import names the holder, the
 * nudges follow the holder.
 */
export async function claimNotMine(input: { actorId: string; meetingId: string; holderId?: string }, deps: ClaimDeps): Promise<{ managersTold: number }> {
  const { meeting, child, schedule } = await loadMeetingContext(input.meetingId, deps);
  assertAllowed({ id: input.actorId, roles: [] }, 'voice.not-mine', { label: child.ref, holderIds: [child.workerId] });
  const holder = input.holderId ? await deps.people.get(input.holderId) : undefined;
  if (input.holderId && !holder) throw new DomainError('NOT_FOUND', "I couldn't find that person in the directory.");
  const now = deps.clock.now();
  const [worker, workerManager, holderManager] = await Promise.all([
    deps.people.get(input.actorId),
    deps.managers.managerOf(input.actorId),
    holder ? deps.managers.managerOf(holder.id) : undefined,
  ]);
  await deps.nudges.record([
    { meetingId: meeting.id, stage: 'not-mine', voiceBy: schedule.voiceBy, kind: 'claimed-elsewhere', on: londonDate(now), personId: input.actorId, at: now.toISOString() },
  ]);
  await deps.audit.append({
    actorId: input.actorId, action: 'voice.not-my-case', recordType: 'meeting', recordId: meeting.id, at: now.toISOString(),
    detail: { childRef: child.ref, holderId: holder?.id ?? null, managers: [workerManager, holderManager].filter(Boolean) },
  });
  const text =
    `${worker?.displayName ?? 'A worker'} says ${child.ref} is not their case` +
    (holder ? `, and that ${holder.displayName} holds it. ` : '. ') +
    `The ${meetingTypeLabel[meeting.type].toLowerCase()} is on ${formatDay(schedule.meetingDate)}, with views needed by ${formatDay(schedule.voiceBy)}. ` +
    (holder ? 'Confirm, and the nudges will go to them; or correct the allocation in the case system.' : "I've paused the nudges: please correct the allocation in the case system so the next import moves them.");
  const managers = [...new Set([workerManager, holderManager].filter((m): m is string => Boolean(m)))];
  for (const managerId of managers) {
    await deps.outbox.enqueue({
      dedupeKey: `not-mine:${meeting.id}:${schedule.voiceBy}:${input.actorId}:${holder?.id ?? 'unknown'}:${managerId}`,
      to: { kind: 'person', personId: managerId },
      kind: 'voice.not-mine',
      card: deps.reassignCard({ meetingId: meeting.id, childRef: child.ref, text, ...(holder ? { holderId: holder.id, holderName: holder.displayName } : {}) }),
    });
  }
  return { managersTold: managers.length };
}

/**
 * A manager confirms who holds the case: the child moves to the holder (until an import says
 * otherwise) and the nudges follow them. Only the worker's manager, the holder's manager or an admin.
 */
export async function confirmHolder(
  input: { actorId: string; meetingId: string; holderId: string },
  deps: Pick<VoiceDeps, 'meetings' | 'children' | 'teams' | 'audit' | 'clock' | 'calendar' | 'settings'> & { children: Pick<ChildStore, 'get' | 'upsertMany'>; people: Pick<PersonStore, 'get'> },
): Promise<{ holderName: string }> {
  const { child } = await loadMeetingContext(input.meetingId, deps);
  const holder = await deps.people.get(input.holderId);
  if (!holder) throw new DomainError('NOT_FOUND', "I couldn't find that person in the directory.");
  const role = holder.lineManagerId === input.actorId ? 'manager' : await authoriseForChild(input.actorId, child, deps);
  if (role === 'worker' || role === 'cover') throw new DomainError('FORBIDDEN', 'Only a manager or an administrator can confirm who holds a case.');
  await deps.children.upsertMany([{ ...child, workerId: holder.id, ...(holder.teamId ? { teamId: holder.teamId } : {}) }]);
  await deps.audit.append({
    actorId: input.actorId, action: 'voice.reassigned', recordType: 'child', recordId: child.ref, at: deps.clock.now().toISOString(),
    detail: { from: child.workerId, to: holder.id, as: role, meetingId: input.meetingId },
  });
  return { holderName: holder.displayName };
}
