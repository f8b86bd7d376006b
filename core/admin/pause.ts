import type { Person } from '../model/person';
import { requireAllowed } from '../roles/authorise';
import { londonDate } from '../calendar/working-days';
import { loadMeetingContext, type VoiceDeps } from '../voice/context';
import type { AdminDeps } from './overview';

export type PauseDeps = Pick<AdminDeps, 'audit' | 'clock'> & Pick<VoiceDeps, 'meetings' | 'children' | 'nudges' | 'settings' | 'calendar'>;

/**
 * Pauses the nudges (and the manager's escalation) for one meeting, for this voice-by date: every stage
 * still to come is recorded as skipped, which the morning scan already honours. A moved meeting (a new
 * voice-by date) starts afresh. Audited with the reason the administrator gave.
 */
export async function pauseMeetingNudges(deps: PauseDeps, actor: Pick<Person, 'id' | 'roles'> | undefined, input: { meetingId: string; reason?: string }): Promise<string> {
  await requireAllowed(actor, 'admin.pause', { label: input.meetingId, recordType: 'meeting' }, { audit: deps.audit });
  const { meeting, child, schedule } = await loadMeetingContext(input.meetingId, deps);
  const now = deps.clock.now();
  const on = londonDate(now);
  const stages = [...schedule.stages.map((s) => s.id), 'escalation'];
  await deps.nudges.record(stages.map((stage) => ({ meetingId: meeting.id, stage, voiceBy: schedule.voiceBy, kind: 'skipped' as const, on, personId: actor!.id, at: now.toISOString() })));
  await deps.audit.append({
    actorId: actor!.id,
    action: 'voice.paused',
    recordType: 'meeting',
    recordId: meeting.id,
    at: now.toISOString(),
    detail: { childRef: child.ref, voiceBy: schedule.voiceBy, ...(input.reason ? { reason: input.reason.slice(0, 200) } : {}) },
  });
  return `Nudges for meeting ${meeting.id} (${child.ref}, voice due ${schedule.voiceBy}) are paused: no more nudges or escalation for it.`;
}
