import { DateTime } from 'luxon';
import { LONDON, londonDate, type IsoDate, type WorkingCalendar } from '../calendar/working-days';
import type { Child } from '../model/child';
import { isAssessment, meetingTypeLabel, type Meeting } from '../model/meeting';
import { pnCodeLabel, voiceMethodLabel } from '../model/participation';
import type { NudgeFact } from './ports';
import type { MeetingSchedule } from './schedule';
import { isStale } from './freshness';
import { caseRecordLink, childLabel, freshMonthsFor, type VoiceSettings } from './settings';
import type { VoiceRecord } from './voice-record';

export type VoiceStatus = 'missing' | 'stale' | 'recorded' | 'declined' | 'snoozed' | 'not-mine' | 'cancelled';

/** One meeting as a nudge, escalation or "my meetings" card shows it. No child's name, ever. */
export interface NudgeItemView {
  meetingId: string;
  child: string;
  type: string;
  /** What `when` is: "Meeting", or "Assessment due" (an assessment has no meeting). */
  whenTitle: string;
  when: string;
  daysAway: string;
  voiceBy: string;
  voiceByPassed: boolean;
  caseRecordUrl: string;
  status: VoiceStatus;
  statusText: string;
  /** False once the views are recorded or the meeting is cancelled: the buttons then go. */
  open: boolean;
}

// Remembered (a morning's cards repeat a few dozen days and times thousands of times; luxon in a zone is slow).
const remembered = (format: (value: string) => string): ((value: string) => string) => {
  const seen = new Map<string, string>();
  return (value) => {
    let text = seen.get(value);
    if (text === undefined) {
      if (seen.size >= 5000) seen.clear();
      seen.set(value, (text = format(value)));
    }
    return text;
  };
};
export const formatDay = remembered((date: IsoDate): string => DateTime.fromISO(date, { zone: LONDON }).toFormat('ccc d LLL yyyy'));
const formatStart = remembered((start: string): string => DateTime.fromISO(start, { zone: LONDON }).toFormat("ccc d LLL yyyy 'at' HH:mm"));

/**
 * When, in words: a meeting's date and time; an assessment's due date (it has no meeting); a core group worked
 * out from the conference, the last day it can meet (the case system has not given its date yet).
 */
export function whenText(meeting: Pick<Meeting, 'type' | 'start' | 'derivedFrom'>): string {
  const day = formatDay(londonDate(new Date(meeting.start)));
  if (isAssessment(meeting.type)) return day;
  if (meeting.derivedFrom) return `By ${day} (date not set yet)`;
  return formatStart(meeting.start);
}

/** "today", "1 working day away", "5 working days away". */
export function workingDaysAway(calendar: WorkingCalendar, today: IsoDate, date: IsoDate): string {
  const n = calendar.workingDaysBetween(today, date);
  if (date === today) return 'today';
  if (n <= 0) return date < today ? 'already past' : 'next working day';
  return n === 1 ? '1 working day away' : `${n} working days away`;
}

function statusOf(meeting: Meeting, record: VoiceRecord | undefined, facts: readonly NudgeFact[], today: IsoDate, settings: VoiceSettings): [VoiceStatus, string] {
  if (meeting.status === 'cancelled') return ['cancelled', 'This meeting has been cancelled.'];
  if (record && isStale(record, meeting, settings)) {
    const months = freshMonthsFor(meeting.type, settings);
    return ['stale', `Views recorded were gathered on ${formatDay(record.gatheredOn)}, more than ${months === 1 ? 'a month' : `${months} months`} before this meeting: please gather them again.`];
  }
  // An older record may carry the PN code the worker once forecast: shown as it is.
  const code = record?.pnCode ? ` (${record.pnCode}, ${pnCodeLabel[record.pnCode].toLowerCase()})` : '';
  if (record?.declined) return ['declined', `Recorded: the child was asked on ${formatDay(record.gatheredOn)} and declined to share their views${code}.`];
  if (record) return ['recorded', `Recorded: views gathered on ${formatDay(record.gatheredOn)}${record.methods.length ? ` (${record.methods.map((m) => voiceMethodLabel[m].toLowerCase()).join(', ')})` : ''}${code}.`];
  if (facts.some((f) => f.kind === 'claimed-elsewhere')) return ['not-mine', 'You said this is not your case: your manager has been told.'];
  const snooze = facts.find((f) => f.kind === 'snoozed' && f.on > today);
  if (snooze) return ['snoozed', `I'll remind you again on ${formatDay(snooze.on)}.`];
  return ['missing', "The child's views are not recorded yet."];
}

export function nudgeItemView(o: {
  meeting: Meeting;
  child: Child;
  schedule: MeetingSchedule;
  record?: VoiceRecord;
  facts?: readonly NudgeFact[];
  today: IsoDate;
  settings: VoiceSettings;
  calendar: WorkingCalendar;
}): NudgeItemView {
  const [status, statusText] = statusOf(o.meeting, o.record, o.facts ?? [], o.today, o.settings);
  return {
    meetingId: o.meeting.id,
    child: childLabel(o.settings, o.child),
    type: meetingTypeLabel[o.meeting.type],
    whenTitle: isAssessment(o.meeting.type) ? 'Assessment due' : 'Meeting',
    when: whenText(o.meeting),
    daysAway: workingDaysAway(o.calendar, o.today, o.schedule.meetingDate),
    voiceBy: formatDay(o.schedule.voiceBy),
    voiceByPassed: o.schedule.voiceBy < o.today,
    caseRecordUrl: caseRecordLink(o.settings, o.child.ref),
    status,
    statusText,
    open: status === 'missing' || status === 'stale' || status === 'snoozed',
  };
}

/** Several nudges to one person in one morning: one card. */
export interface NudgeDigestView {
  recipientId: string;
  date: IsoDate;
  items: NudgeItemView[];
  /** When the digest goes to a cover colleague, whose case it is. */
  coverFor?: string;
}

export interface EscalationItemView extends NudgeItemView {
  workerId: string;
  workerName: string;
  reason: 'unanswered' | 'undeliverable' | 'after-unanswered';
}

export interface EscalationDigestView {
  managerId: string;
  date: IsoDate;
  items: EscalationItemView[];
}
