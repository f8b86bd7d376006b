import { DomainError } from '../errors';
import type { Person } from '../model/person';
import type { MeetingPause } from '../voice/ports';
import { requireAllowed } from '../roles/authorise';
import { londonDate } from '../calendar/working-days';
import { loadMeetingContext, type VoiceDeps } from '../voice/context';
import type { AdminDeps } from './overview';

export type PauseDeps = Pick<AdminDeps, 'audit' | 'clock'> & Pick<VoiceDeps, 'meetings' | 'children' | 'nudges' | 'settings' | 'calendar'>;

/**
 * Pauses the nudges (and the manager's escalation) for one meeting, for this voice-by date: every stage
 * that has not happened yet is recorded as skipped, which the morning scan already honours; stages already
 * sent keep their facts. The pause is listed on the admin card until undone. A moved meeting (a new voice-by
 * date) starts afresh. Audited with the reason the administrator gave.
 */
export async function pauseMeetingNudges(deps: PauseDeps, actor: Pick<Person, 'id' | 'roles'> | undefined, input: { meetingId: string; reason?: string }): Promise<string> {
  await requireAllowed(actor, 'admin.pause', { label: input.meetingId, recordType: 'meeting' }, { audit: deps.audit });
  const { meeting, child, schedule } = await loadMeetingContext(input.meetingId, deps);
  const now = deps.clock.now();
  const on = londonDate(now);
  const facts = (await deps.nudges.listForMeetings([meeting.id])).get(meeting.id) ?? [];
  const happened = new Set(facts.filter((f) => f.voiceBy === schedule.voiceBy).map((f) => f.stage));
  const stages = [...schedule.stages.map((s) => s.id), 'escalation'].filter((stage) => !happened.has(stage));
  const earlier = await deps.nudges.getPause(meeting.id);
  await deps.nudges.record(stages.map((stage) => ({ meetingId: meeting.id, stage, voiceBy: schedule.voiceBy, kind: 'skipped' as const, on, personId: actor!.id, at: now.toISOString() })));
  // A second pause of the same meeting keeps the stages the first one marked, so one undo restores them all.
  await deps.nudges.savePause({ meetingId: meeting.id, voiceBy: schedule.voiceBy, stages: [...new Set([...(earlier?.voiceBy === schedule.voiceBy ? earlier.stages : []), ...stages])], byId: actor!.id, at: now.toISOString() });
  await deps.audit.append({
    actorId: actor!.id,
    action: 'voice.paused',
    recordType: 'meeting',
    recordId: meeting.id,
    at: now.toISOString(),
    detail: { childRef: child.ref, voiceBy: schedule.voiceBy, stages, ...(input.reason ? { reason: input.reason.slice(0, 200) } : {}) },
  });
  return `Nudges for meeting ${meeting.id} (${child.ref}, voice due ${schedule.voiceBy}) are paused: no more nudges or escalation for it. Undo it from the admin card.`;
}

/**
 * Undoes a pause: removes the skipped facts the pause wrote (and only those), so the morning scan nudges
 * again from the next stage due; stages whose day has passed are skipped by the scan as usual. Audited.
 */
export async function resumeMeetingNudges(deps: PauseDeps, actor: Pick<Person, 'id' | 'roles'> | undefined, input: { meetingId: string }): Promise<string> {
  await requireAllowed(actor, 'admin.pause', { label: input.meetingId, recordType: 'meeting' }, { audit: deps.audit });
  const pause = await deps.nudges.getPause(input.meetingId);
  if (!pause) throw new DomainError('NOT_FOUND', `The nudges for meeting ${input.meetingId} are not paused.`);
  const facts = (await deps.nudges.listForMeetings([pause.meetingId])).get(pause.meetingId) ?? [];
  const written = facts.filter((f) => f.kind === 'skipped' && f.voiceBy === pause.voiceBy && pause.stages.includes(f.stage));
  await deps.nudges.removeFacts(pause.meetingId, written);
  await deps.nudges.removePause(pause.meetingId);
  const now = deps.clock.now();
  await deps.audit.append({ actorId: actor!.id, action: 'voice.resumed', recordType: 'meeting', recordId: pause.meetingId, at: now.toISOString(), detail: { voiceBy: pause.voiceBy, stages: written.map((f) => f.stage) } });
  return `Nudges for meeting ${pause.meetingId} are back on: the next one due goes out with the morning scan.`;
}

/** The paused meetings, newest first, for the admin card (admins only). */
export async function listPausedMeetings(deps: PauseDeps, actor: Pick<Person, 'id' | 'roles'> | undefined): Promise<MeetingPause[]> {
  await requireAllowed(actor, 'admin.pause', { recordType: 'meeting' }, { audit: deps.audit });
  return (await deps.nudges.listPauses()).sort((a, b) => b.at.localeCompare(a.at));
}
