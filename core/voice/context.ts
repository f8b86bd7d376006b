import type { WorkingCalendar } from '../calendar/working-days';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { Child } from '../model/child';
import type { Meeting } from '../model/meeting';
import type { AuditLog, ChildStore, MeetingStore, PersonStore, TeamStore } from '../ports';
import type { NudgeStateStore, VoiceRecordStore } from './ports';
import { scheduleFor, type MeetingSchedule } from './schedule';
import type { VoiceSettings } from './settings';

/** What the voice use-cases need; each is a port or a plain value, so tests pass in-memory fakes. */
export interface VoiceDeps {
  meetings: Pick<MeetingStore, 'get'>;
  children: Pick<ChildStore, 'get'>;
  people: Pick<PersonStore, 'get'>;
  teams?: Pick<TeamStore, 'get'>;
  voice: VoiceRecordStore;
  nudges: NudgeStateStore;
  audit: AuditLog;
  clock: Clock;
  calendar: WorkingCalendar;
  settings: VoiceSettings;
}

export interface MeetingContext {
  meeting: Meeting;
  child: Child;
  schedule: MeetingSchedule;
}

/** The meeting, its child and its schedule; NOT_FOUND in plain words when either has gone. */
export async function loadMeetingContext(meetingId: string, deps: Pick<VoiceDeps, 'meetings' | 'children' | 'settings' | 'calendar'>): Promise<MeetingContext> {
  const meeting = (await deps.meetings.get(meetingId))?.value;
  if (!meeting) throw new DomainError('NOT_FOUND', 'That meeting is no longer in the case system import.');
  const child = (await deps.children.get(meeting.childRef))?.value;
  if (!child) throw new DomainError('NOT_FOUND', `Child ${meeting.childRef} is no longer in the case system import.`);
  return { meeting, child, schedule: scheduleFor(meeting, deps.settings, deps.calendar) };
}
