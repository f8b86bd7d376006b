import type { IsoDate, WorkingCalendar } from '../calendar/working-days';
import { londonDate } from '../calendar/working-days';
import type { Meeting } from '../model/meeting';
import type { DayZeroRule, VoiceSettings } from './settings';

/** One nudge of a meeting's schedule. `due` is undefined for the 'import' stage (due as soon as it is known). */
export interface NudgeStage {
  /** 'import' or 'd-<n>' (n working days before voice-by). */
  id: string;
  due?: IsoDate;
}

export interface MeetingSchedule {
  meetingDate: IsoDate;
  /** The report deadline: the day the child's views must be in. */
  voiceBy: IsoDate;
  /** In the order they fall due; the last one is the one an escalation waits on. */
  stages: NudgeStage[];
}

/** `n` working days before `date` under the council's day-zero rule; 0 is the date itself. */
export function workingDaysBefore(calendar: WorkingCalendar, date: IsoDate, n: number, rule: DayZeroRule): IsoDate {
  if (n === 0) return date;
  return calendar.addWorkingDays(date, rule === 'clear-days' ? -(n + 1) : -n);
}

/** The voice-by date and nudge stages of a meeting. Pure: same meeting and settings, same schedule. */
export function scheduleFor(meeting: Pick<Meeting, 'type' | 'start'>, settings: VoiceSettings, calendar: WorkingCalendar): MeetingSchedule {
  const type = settings.types[meeting.type];
  if (!type) throw new RangeError(`no schedule for ${meeting.type}`);
  const meetingDate = londonDate(new Date(meeting.start));
  const voiceBy = workingDaysBefore(calendar, meetingDate, type.voiceByWorkingDaysBefore, settings.dayZero);
  const stages = type.nudges
    .map((o): NudgeStage => (o === 'import' ? { id: 'import' } : { id: `d-${o}`, due: workingDaysBefore(calendar, voiceBy, o, settings.dayZero) }))
    .sort((a, b) => (a.due ?? '') .localeCompare(b.due ?? ''));
  return { meetingDate, voiceBy, stages };
}
