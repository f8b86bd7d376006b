import { londonDate, type IsoDate } from '../calendar/working-days';
import { authoriseForChild } from './authorise';
import { loadMeetingContext, type VoiceDeps } from './context';

/**
 * "Remind me tomorrow": the next morning scan (the next working day) nudges again, even if no stage
 * falls due that day. Audited.
 */
export async function snoozeNudge(
  input: { actorId: string; meetingId: string },
  deps: Pick<VoiceDeps, 'meetings' | 'children' | 'people' | 'teams' | 'nudges' | 'audit' | 'clock' | 'calendar' | 'settings'>,
): Promise<{ until: IsoDate }> {
  const { meeting, child, schedule } = await loadMeetingContext(input.meetingId, deps);
  await authoriseForChild(input.actorId, child, deps);
  const now = deps.clock.now();
  const until = deps.calendar.addWorkingDays(londonDate(now), 1);
  await deps.nudges.record([
    { meetingId: meeting.id, stage: `snoozed-${until}`, voiceBy: schedule.voiceBy, kind: 'snoozed', on: until, personId: input.actorId, at: now.toISOString() },
  ]);
  await deps.audit.append({
    actorId: input.actorId,
    action: 'voice.snoozed',
    recordType: 'meeting',
    recordId: meeting.id,
    at: now.toISOString(),
    detail: { childRef: child.ref, until },
  });
  return { until };
}
