import { londonDate } from '../calendar/working-days';
import { DomainError } from '../errors';
import { isAssessment, meetingTypeLabel } from '../model/meeting';
import type { AuditLog, ChildStore, Outbox, PersonStore } from '../ports';
import { decide, requireAllowed } from '../roles/authorise';
import { withTeamHistory, type Child } from '../model/child';
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

/** Only the worker the case system names may say a case is not theirs, while on the staff list (a refusal is audited). */
export async function requireClaimant(actorId: string, child: Pick<Child, 'ref' | 'workerId'>, deps: { audit: Pick<AuditLog, 'append'>; people: Pick<PersonStore, 'get'> }): Promise<void> {
  const goneOn = (await deps.people.get(actorId))?.goneOn;
  await requireAllowed({ id: actorId, roles: [], ...(goneOn ? { goneOn } : {}) }, 'voice.not-mine', { label: child.ref, recordType: 'child', holderIds: [child.workerId] }, { audit: deps.audit, actorId });
}

/**
 * "Not my case": the worker says they don't hold this child, and may name who does. Nudges for the
 * meeting pause for them, the claim is audited, and both managers (theirs, and the named holder's) are
 * told in 1:1 chat with a button to confirm. Once confirmed, or once an import names the holder, the
 * nudges follow the holder.
 */
export async function claimNotMine(input: { actorId: string; meetingId: string; holderId?: string }, deps: ClaimDeps): Promise<{ managersTold: number }> {
  const { meeting, child, schedule } = await loadMeetingContext(input.meetingId, deps);
  await requireClaimant(input.actorId, child, deps);
  const holder = input.holderId ? await deps.people.get(input.holderId) : undefined;
  if (input.holderId && !holder) throw new DomainError('NOT_FOUND', "I couldn't find that person in the directory.");
  // The picker leaves leavers out, but an older card or tampered data can name one: their manager would be asked to
  // confirm someone who cannot be confirmed, while the nudges stopped coming to anyone.
  if (holder?.goneOn) throw new DomainError('INVALID', `${holder.displayName} has left, so they can't hold this case. Please name someone else, or leave it blank and your manager will sort it out.`);
  const now = deps.clock.now();
  const [worker, workerManager, holderManager] = await Promise.all([
    deps.people.get(input.actorId),
    deps.managers.managerOf(input.actorId),
    holder ? deps.managers.managerOf(holder.id) : undefined,
  ]);
  await deps.nudges.record([
    {
      meetingId: meeting.id, stage: 'not-mine', voiceBy: schedule.voiceBy, kind: 'claimed-elsewhere', on: londonDate(now), personId: input.actorId, at: now.toISOString(),
      ...(holder ? { namedId: holder.id } : {}),
    },
  ]);
  await deps.audit.append({
    actorId: input.actorId, action: 'voice.not-my-case', recordType: 'meeting', recordId: meeting.id, at: now.toISOString(),
    detail: { childRef: child.ref, holderId: holder?.id ?? null, managers: [workerManager, holderManager].filter(Boolean) },
  });
  const text =
    `${worker?.displayName ?? 'A worker'} says ${child.ref} is not their case` +
    (holder ? `, and that ${holder.displayName} holds it. ` : '. ') +
    `The ${meetingTypeLabel[meeting.type].toLowerCase()} is ${isAssessment(meeting.type) ? 'due' : 'on'} ${formatDay(schedule.meetingDate)}, with views needed by ${formatDay(schedule.voiceBy)}. ` +
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

const NO_CLAIM = "There's no \"not my case\" waiting for this meeting, so there is nothing to confirm. If the allocation is wrong, please correct it in the case system.";
const NOT_THIS_HOLDER = 'You can confirm the colleague the worker named, or someone in the child\'s team. For anyone else, please correct the allocation in the case system.';

/**
 * A manager confirms who holds the case: the child moves to the holder (until an import says
 * otherwise) and the nudges follow them. Needs a pending "not my case" from the child's worker for
 * this meeting; the holder must be the one they named or someone in the child's team. Only the
 * claimant's line manager, the child's team manager, the named holder's manager (holder in their own
 * team) or an admin. Every refusal is audited and changes nothing.
 */
export async function confirmHolder(
  input: { actorId: string; meetingId: string; holderId: string },
  deps: Pick<VoiceDeps, 'meetings' | 'children' | 'teams' | 'audit' | 'clock' | 'calendar' | 'settings' | 'nudges'> & {
    children: Pick<ChildStore, 'get' | 'upsertMany'>;
    people: Pick<PersonStore, 'get'>;
  },
): Promise<{ holderName: string }> {
  const { child, schedule } = await loadMeetingContext(input.meetingId, deps);
  const refuse = async (reason: string, code: 'FORBIDDEN' | 'NOT_FOUND' = 'FORBIDDEN'): Promise<never> => {
    await deps.audit.append({ actorId: input.actorId, action: 'access.refused', recordType: 'child', recordId: child.ref, detail: { action: 'voice.confirm-holder', meetingId: input.meetingId, holderId: input.holderId } });
    throw new DomainError(code, reason);
  };
  const [actor, holder, worker, team, facts] = await Promise.all([
    deps.people.get(input.actorId),
    deps.people.get(input.holderId),
    deps.people.get(child.workerId),
    deps.teams?.get(child.teamId),
    deps.nudges.listForMeetings([input.meetingId]),
  ]);
  // Only the current worker's claim, for this meeting's current voice-by date, is pending.
  const claim = (facts.get(input.meetingId) ?? [])
    .filter((f) => f.kind === 'claimed-elsewhere' && f.personId === child.workerId && f.voiceBy === schedule.voiceBy)
    .sort((a, b) => b.at.localeCompare(a.at))[0];
  const holderOwnManager = holder && actor?.teamId && holder.teamId === actor.teamId ? holder.lineManagerId : undefined;
  const decision = decide(actor, 'voice.confirm-holder', {
    label: child.ref,
    lineManagerIds: [worker?.lineManagerId, holder?.id === claim?.namedId ? holderOwnManager : undefined],
    teamManagerId: team?.managerId,
  });
  if (!decision.allowed) return refuse(decision.reason);
  if (!claim) return refuse(NO_CLAIM);
  if (!holder || holder.goneOn) return refuse("I couldn't find that person in the directory.", 'NOT_FOUND');
  if (holder.id !== claim.namedId && holder.teamId !== child.teamId) return refuse(NOT_THIS_HOLDER);
  if (holder.id === child.workerId) return refuse('They already hold this case.');
  // A holder in another team moves the child there; the team left is kept for the digests' past weeks.
  await deps.children.upsertMany([withTeamHistory(child, { ...child, workerId: holder.id, ...(holder.teamId ? { teamId: holder.teamId } : {}) }, deps.clock.now())]);
  await deps.audit.append({
    actorId: input.actorId, action: 'voice.reassigned', recordType: 'child', recordId: child.ref, at: deps.clock.now().toISOString(),
    detail: { from: child.workerId, to: holder.id, as: decision.by, meetingId: input.meetingId },
  });
  return { holderName: holder.displayName };
}
