import type { CoverStore } from './cover';
import { authoriseForChild } from './authorise';
import { loadMeetingContext, type MeetingContext, type VoiceDeps } from './context';
import type { VoiceRecord } from './voice-record';
import type { AfterMeetingRecord } from './after-meeting-record';
import type { ChairRecord } from './chair-record';
import type { AfterMeetingStore, ChairRecordStore } from './ports';

/**
 * Opens the record of how a child's views were gathered for one meeting: only for someone who may act for
 * the child (refusals audited by authoriseForChild), and the read itself is audited (`voice.read`: who
 * opened which child's record, and in what role), as a change would be.
 */
export async function openVoiceRecord(
  input: { actorId: string; meetingId: string },
  deps: Pick<VoiceDeps, 'meetings' | 'children' | 'people' | 'teams' | 'voice' | 'audit' | 'clock' | 'calendar' | 'settings'> & { covers?: Pick<CoverStore, 'listFor'> },
): Promise<{ ctx: MeetingContext; record: VoiceRecord | undefined }> {
  const ctx = await loadMeetingContext(input.meetingId, deps);
  const role = await authoriseForChild(input.actorId, ctx.child, deps);
  const record = await deps.voice.get(input.meetingId);
  await deps.audit.append({
    actorId: input.actorId,
    action: 'voice.read',
    recordType: 'meeting',
    recordId: input.meetingId,
    detail: { childRef: ctx.child.ref, as: role, recorded: Boolean(record) },
  });
  return { ctx, record };
}

/**
 * Opens the after-meeting card: what the worker answered (the child's feedback, what would have helped) and
 * what the chair recorded (how the child took part). Only for someone who may act for the child, and the read
 * is audited (`after.read`), as opening the voice record is.
 */
export async function openAfterMeetingRecord(
  input: { actorId: string; meetingId: string },
  deps: Pick<VoiceDeps, 'meetings' | 'children' | 'people' | 'teams' | 'audit' | 'clock' | 'calendar' | 'settings'> & {
    covers?: Pick<CoverStore, 'listFor'>;
    after: Pick<AfterMeetingStore, 'get'>;
    chairRecords: Pick<ChairRecordStore, 'get'>;
  },
  /** The card redrawn just after the person's own change, which is audited itself: checked, but not a new read. */
  o: { redraw?: boolean } = {},
): Promise<{ ctx: MeetingContext; record: AfterMeetingRecord | undefined; chair: ChairRecord | undefined }> {
  const ctx = await loadMeetingContext(input.meetingId, deps);
  const role = await authoriseForChild(input.actorId, ctx.child, deps);
  const [record, chair] = await Promise.all([deps.after.get(input.meetingId), deps.chairRecords.get(input.meetingId)]);
  if (!o.redraw) await deps.audit.append({
    actorId: input.actorId,
    action: 'after.read',
    recordType: 'meeting',
    recordId: input.meetingId,
    detail: { childRef: ctx.child.ref, as: role, recorded: Boolean(record), chairRecorded: Boolean(chair) },
  });
  return { ctx, record, chair };
}
