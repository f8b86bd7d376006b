import { londonDate } from '../calendar/working-days';
import type { Outbox } from '../ports';
import { requireAllowed } from '../roles/authorise';
import { loadMeetingContext, type VoiceDeps } from './context';
import { nudgeItemView, type NudgeDigestView } from './nudge-view';
import { nudgeKey } from './scan';

/** A manager's "Nudge them again" from an escalation card: one fresh nudge a day at most, audited. */
export async function renudgeWorker(
  input: { actorId: string; meetingId: string },
  deps: Pick<VoiceDeps, 'meetings' | 'children' | 'people' | 'teams' | 'voice' | 'nudges' | 'audit' | 'clock' | 'calendar' | 'settings'> & {
    outbox: Outbox;
    nudgeCard(view: NudgeDigestView): Record<string, unknown>;
  },
): Promise<{ workerId: string; sent: boolean }> {
  const { meeting, child, schedule } = await loadMeetingContext(input.meetingId, deps);
  const [actor, worker, team] = await Promise.all([deps.people.get(input.actorId), deps.people.get(child.workerId), deps.teams?.get(child.teamId)]);
  const decision = await requireAllowed(actor, 'voice.manage', { label: child.ref, recordType: 'child', lineManagerIds: [worker?.lineManagerId], teamManagerId: team?.managerId }, { audit: deps.audit, actorId: input.actorId });
  const now = deps.clock.now();
  const today = londonDate(now);
  const [record, facts] = await Promise.all([deps.voice.get(meeting.id), deps.nudges.listForMeetings([meeting.id])]);
  const item = nudgeItemView({ meeting, child, schedule, record, facts: facts.get(meeting.id), today, settings: deps.settings, calendar: deps.calendar });
  const stage = `renudge-${today}`;
  const sent = await deps.outbox.enqueue({
    dedupeKey: nudgeKey(meeting.id, stage, schedule.voiceBy),
    to: { kind: 'person', personId: child.workerId },
    kind: 'nudge',
    card: deps.nudgeCard({ recipientId: child.workerId, date: today, items: [item] }),
  });
  await deps.nudges.record([{ meetingId: meeting.id, stage, voiceBy: schedule.voiceBy, kind: 'sent', on: today, personId: child.workerId, at: now.toISOString() }]);
  await deps.audit.append({
    actorId: input.actorId, action: 'escalation.renudged', recordType: 'meeting', recordId: meeting.id, at: now.toISOString(),
    detail: { workerId: child.workerId, as: decision.by === 'role' ? 'admin' : 'manager', repeat: !sent },
  });
  return { workerId: child.workerId, sent };
}
