import type { CoverStore } from './cover';
import { authoriseForChild } from './authorise';
import { loadMeetingContext, type MeetingContext, type VoiceDeps } from './context';
import type { VoiceRecord } from './voice-record';

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
