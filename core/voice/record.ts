import { londonDate } from '../calendar/working-days';
import { DomainError } from '../errors';
import { authoriseForChild } from './authorise';
import { loadMeetingContext, type MeetingContext, type VoiceDeps } from './context';
import { isStale } from './freshness';
import { validateVoiceForm } from './validate';
import type { FieldErrors } from '../errors';
import type { VoiceForm, VoiceFormField, VoiceRecord } from './voice-record';

/** A save returns the meeting and child it read, so the card can be redrawn without reading them again. */
export type RecordOutcome = { ok: true; record: VoiceRecord; replaced: boolean; context: MeetingContext } | { ok: false; errors: FieldErrors<VoiceFormField> };

/**
 * Records how a child's views were gathered for a meeting. Refuses anyone but the worker, their
 * manager or an admin; an invalid form comes back with each problem named; every save is audited.
 */
export async function recordVoice(
  input: { actorId: string; meetingId: string; form: VoiceForm },
  deps: Pick<VoiceDeps, 'meetings' | 'children' | 'people' | 'teams' | 'voice' | 'audit' | 'clock' | 'calendar' | 'settings'>,
): Promise<RecordOutcome> {
  // The previous record is read beside the meeting and child (it needs only the id), not after them.
  const previousRead = deps.voice.get(input.meetingId);
  // So is the actor's directory entry (is this person still on the staff list?).
  const actorRead = deps.people.get(input.actorId);
  for (const read of [previousRead, actorRead]) read.catch(() => undefined); // awaited below; a failure here must not go unhandled if the meeting read fails first
  const context = await loadMeetingContext(input.meetingId, deps);
  const { meeting, child, schedule } = context;
  const [role, previous] = await Promise.all([authoriseForChild(input.actorId, child, deps, { actor: actorRead }), previousRead]);
  if (meeting.status === 'cancelled') throw new DomainError('CONFLICT', 'That meeting has been cancelled.');
  const now = deps.clock.now();
  const checked = validateVoiceForm(input.form, { child, meeting, today: londonDate(now), settings: deps.settings });
  if (!checked.ok) return checked;
  const at = now.toISOString();
  // An edit keeps when the voice was first on file, and when it was first shared with the chair (the digests
  // count views in time and views that reached the meeting from these); stale views replaced start afresh.
  const kept = previous && !isStale(previous, meeting, deps.settings) ? previous : undefined;
  const sharedAt = checked.value.sharedWith.length === 0 ? undefined : kept?.sharedWith.length ? (kept.sharedAt ?? kept.recordedAt) : at;
  // Likewise when advocacy was first said to be offered (older records: their last save); unticked, it goes.
  const advocacyOfferedAt = !checked.value.advocacyOffered ? undefined : kept?.advocacyOffered ? (kept.advocacyOfferedAt ?? kept.recordedAt) : at;
  const record: VoiceRecord = {
    ...checked.value,
    meetingId: meeting.id,
    childRef: child.ref,
    voiceBy: schedule.voiceBy,
    recordedBy: input.actorId,
    recordedAt: at,
    firstRecordedAt: kept?.firstRecordedAt ?? kept?.recordedAt ?? at,
    ...(sharedAt ? { sharedAt } : {}),
    ...(advocacyOfferedAt ? { advocacyOfferedAt } : {}),
  };
  await deps.voice.save(record);
  await deps.audit.append({
    actorId: input.actorId,
    action: previous ? 'voice.updated' : 'voice.recorded',
    recordType: 'meeting',
    recordId: meeting.id,
    at: record.recordedAt,
    detail: {
      as: role,
      childRef: child.ref,
      methods: record.methods,
      ...(record.gatheredBy ? { gatheredBy: record.gatheredBy } : {}),
      declined: record.declined,
      ...(previous ? { before: { ...(previous.pnCode ? { pnCode: previous.pnCode } : {}), methods: previous.methods, gatheredOn: previous.gatheredOn } } : {}),
    },
  });
  return { ok: true, record, replaced: Boolean(previous), context };
}
