import type { IsoDate, WorkingCalendar } from '../calendar/working-days';
import type { Child } from '../model/child';
import type { Meeting } from '../model/meeting';
import type { AuditLog, Outbox, PersonStore } from '../ports';
import { reviewItem, type ChairVoiceStatus, type ReviewItem } from './my-reviews';
import type { MeetingSchedule } from './schedule';
import { caseRecordLink, type VoiceSettings } from './settings';
import { mapLimit } from '../util';
import type { VoiceRecord } from './voice-record';

/** How many working days before the meeting its chair is told that the child's views are not in. */
export const CHAIR_ALERT_WORKING_DAYS = 2;

/** The one card a chair gets when a child's views are missing (or too old) close to the meeting they chair. */
export interface ChairAlertView extends ReviewItem {
  chairId: string;
  status: Exclude<ChairVoiceStatus, 'recorded' | 'declined'>;
  caseRecordUrl: string;
}

export const chairAlertKey = (meetingId: string, meetingDate: IsoDate): string => `chair-alert:${meetingId}:${meetingDate}`;

/** Whether today is in the chair's window: from 2 working days before the meeting to the meeting day. */
export const chairAlertDue = (schedule: Pick<MeetingSchedule, 'meetingDate'>, today: IsoDate, calendar: WorkingCalendar): boolean =>
  today <= schedule.meetingDate && today >= calendar.addWorkingDays(schedule.meetingDate, -CHAIR_ALERT_WORKING_DAYS);

export interface ChairAlertDeps {
  people: Pick<PersonStore, 'get'>;
  outbox: Outbox;
  audit: AuditLog;
  calendar: WorkingCalendar;
  settings: VoiceSettings;
  card(view: ChairAlertView): Record<string, unknown>;
}

/**
 * Tells each chair, once per meeting date, that the child's views are not in (the worker's nudges and the
 * manager's escalation go on as before). Once: the outbox drops a second card with the same key, and
 * only a new card is audited. Never to a chair who has left (audited `chair.not-alerted`).
 */
export async function sendChairAlerts(
  due: readonly { meeting: Meeting & { chairId: string }; child: Child; schedule: MeetingSchedule; record?: VoiceRecord }[],
  today: IsoDate,
  at: string,
  deps: ChairAlertDeps,
): Promise<number> {
  let fresh = 0;
  await mapLimit(due, 8, async ({ meeting, child, schedule, record }) => {
    const worker = await deps.people.get(child.workerId);
    const item = reviewItem({ meeting, workerName: worker?.displayName ?? 'the allocated worker', record, today }, deps);
    if (item.status === 'recorded' || item.status === 'declined') return;
    // A chair the staff list has left out may still have Teams for a while: no child's details go to them.
    const chair = await deps.people.get(meeting.chairId);
    if (chair?.goneOn) {
      await deps.audit.append({ actorId: 'system:nudge-scan', action: 'chair.not-alerted', recordType: 'meeting', recordId: meeting.id, at, detail: { chairId: meeting.chairId, reason: 'chair has left', meetingDate: schedule.meetingDate } });
      return;
    }
    const view: ChairAlertView = { ...item, status: item.status, chairId: meeting.chairId, caseRecordUrl: caseRecordLink(deps.settings, child.ref) };
    const sent = await deps.outbox.enqueue({ dedupeKey: chairAlertKey(meeting.id, schedule.meetingDate), to: { kind: 'person', personId: meeting.chairId }, kind: 'chair.alert', card: deps.card(view) });
    if (!sent) return;
    fresh++;
    await deps.audit.append({ actorId: 'system:nudge-scan', action: 'chair.alerted', recordType: 'meeting', recordId: meeting.id, at, detail: { chairId: meeting.chairId, status: item.status, meetingDate: schedule.meetingDate } });
  });
  return fresh;
}
