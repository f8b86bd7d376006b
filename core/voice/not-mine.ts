import { londonDate } from '../calendar/working-days';
import { DomainError } from '../errors';
import { meetingTypeLabel } from '../model/meeting';
import type { Outbox } from '../ports';
import { loadMeetingContext, type VoiceDeps } from './context';
import { formatDay } from './nudge-view';
import type { ManagerDirectory } from './ports';

/**
 * "Not my case": the worker says they don't hold this child. Nudges for the meeting pause, the
 * claim is audited, and their manager is told in 1:1 chat (case reference only) so the holder can
 * be confirmed; the next import that names a holder restarts the nudges for them.
 */
export async function claimNotMine(
  input: { actorId: string; meetingId: string },
  deps: Pick<VoiceDeps, 'meetings' | 'children' | 'people' | 'nudges' | 'audit' | 'clock' | 'calendar' | 'settings'> & { outbox: Outbox; managers: ManagerDirectory },
): Promise<{ managerTold: boolean }> {
  const { meeting, child, schedule } = await loadMeetingContext(input.meetingId, deps);
  if (input.actorId !== child.workerId) throw new DomainError('FORBIDDEN', `Only the worker the case system names for ${child.ref} can say it isn't theirs.`);
  const now = deps.clock.now();
  const [managerId, worker] = await Promise.all([deps.managers.managerOf(input.actorId), deps.people.get(input.actorId)]);
  await deps.nudges.record([
    { meetingId: meeting.id, stage: 'not-mine', voiceBy: schedule.voiceBy, kind: 'claimed-elsewhere', on: londonDate(now), personId: input.actorId, at: now.toISOString() },
  ]);
  await deps.audit.append({
    actorId: input.actorId, action: 'voice.not-my-case', recordType: 'meeting', recordId: meeting.id, at: now.toISOString(),
    detail: { childRef: child.ref, managerId: managerId ?? null },
  });
  if (!managerId) return { managerTold: false };
  await deps.outbox.enqueue({
    dedupeKey: `not-mine:${meeting.id}:${schedule.voiceBy}:${input.actorId}`,
    to: { kind: 'person', personId: managerId },
    kind: 'voice.not-mine',
    text:
      `${worker?.displayName ?? 'A worker'} says ${child.ref} is not their case. ` +
      `The ${meetingTypeLabel[meeting.type].toLowerCase()} is on ${formatDay(schedule.meetingDate)}, with views needed by ${formatDay(schedule.voiceBy)}. ` +
      `I've paused the nudges: please check who holds the case, and correct the allocation in the case system so the next import moves them.`,
  });
  return { managerTold: true };
}
