import type { Clock } from '../clock';
import { londonInstant, type IsoDate, type WorkingCalendar } from '../calendar/working-days';
import { recipientKey, type Recipient } from '../model/messaging';
import type { Outbox } from '../ports';
import type { ChannelMapping } from '../channels/channel-mapping';
import { forumTypeLabel, type Forum } from './forum';
import type { ForumStore, PiiCheck, YouSaidTracker } from './ports';
import { dateInWords, occurrencesBetween, timeInWords, type Occurrence } from './recurrence';
import { forumYouSaidWeDid, PRINTABLE_FORUM_TYPES } from './you-said-we-did';

const DAY = 86_400_000;
/** Reminders go out at this London time on their day (or at once, if the day has passed). */
export const REMINDER_TIME = '09:00';

export interface DueReminder {
  forum: Forum;
  occurrence: Occurrence;
  offsetDays: number;
}

const shiftDate = (date: IsoDate, days: number): IsoDate =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/**
 * The day the reminder `offsetDays` before an occurrence goes: that calendar day, or the working day before
 * it when it is a weekend or bank holiday (a Monday forum's 1-day reminder comes on the Friday).
 */
export function reminderDay(date: IsoDate, offsetDays: number, calendar: WorkingCalendar): IsoDate {
  let day = shiftDate(date, -offsetDays);
  while (!calendar.isWorkingDay(day)) day = shiftDate(day, -1);
  return day;
}

/** When the reminder `offsetDays` before an occurrence is due: 09:00 London on its day, never after the start. */
export function reminderDueAt(o: Pick<Occurrence, 'date' | 'start'>, offsetDays: number, calendar: WorkingCalendar): Date {
  const at = londonInstant(reminderDay(o.date, offsetDays, calendar), REMINDER_TIME);
  return at < o.start ? at : o.start;
}

/**
 * The reminders due now: for each coming occurrence (not cancelled), the latest offset whose time has
 * come. An earlier offset missed (a forum set up late) is not sent as well: one reminder, the nearest.
 */
export function dueReminders(forums: readonly Forum[], now: Date, calendar: WorkingCalendar): DueReminder[] {
  const due: DueReminder[] = [];
  for (const forum of forums) {
    // Room for a reminder moved back over a long weekend (Christmas and New Year: up to 5 days).
    const horizon = Math.max(0, ...forum.reminderOffsetsDays) + 7;
    for (const occurrence of occurrencesBetween(forum, now, new Date(now.getTime() + horizon * DAY))) {
      if (occurrence.status === 'cancelled') continue;
      const ready = forum.reminderOffsetsDays.filter((d) => reminderDueAt(occurrence, d, calendar) <= now);
      if (ready.length) due.push({ forum, occurrence, offsetDays: Math.min(...ready) });
    }
  }
  return due;
}

/** What a reminder card shows. Channel copies carry only promises that passed the PII guard. */
export interface ReminderView {
  forumId: string;
  forumName: string;
  forumType: string;
  dateWords: string;
  timeWords: string;
  daysToGo: string;
  moved: boolean;
  place?: string;
  onlineLink?: string;
  promises: { text: string; dueWords: string }[];
  /** Promises left out of a channel copy because their wording did not pass the PII guard. */
  withheld: number;
  /** "You said, we did": this forum's items with their outcome (not yet told, or told since it last met). */
  done?: { text: string; result: string; notPossible: boolean }[];
  /** Outcomes left out of a channel copy (their wording did not pass the PII guard). */
  doneWithheld?: number;
  /** The meeting's original date: with `forumId`, which "You said, we did" a printable page shows. */
  occurrenceDate?: IsoDate;
  /** Families' and care leavers' forums get a printable "You said, we did" (members are often not in Teams). */
  printable?: boolean;
  forChannel: boolean;
}

export interface ForumReminderDeps {
  forums: ForumStore;
  tracker: YouSaidTracker;
  outbox: Outbox;
  clock: Clock;
  calendar: WorkingCalendar;
  piiCheck: PiiCheck;
  /** The channel for forums without one of their own (their `forum:<id>` mapping, else by type). */
  mappings: () => Promise<ChannelMapping[]>;
  renderReminder: (view: ReminderView) => Record<string, unknown>;
}

/** Counted from the day the reminder really goes, which may be earlier than its offset (a weekend). */
const daysToGo = (from: IsoDate, to: IsoDate): string => {
  const days = Math.round((Date.parse(to) - Date.parse(from)) / DAY);
  return days <= 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
};

/** The channel that gets a forum's reminders. */
export function reminderChannel(forum: Forum, mappings: readonly ChannelMapping[]): string | undefined {
  if (forum.channelId) return forum.channelId;
  const byAudience = (a: string) => mappings.find((m) => m.audience === a)?.channelId;
  const byType = forum.type === 'CICC' ? byAudience('cicc') : forum.type === 'CPB' ? byAudience('cpb') : undefined;
  return byAudience(`forum:${forum.id}`) ?? byType ?? byAudience('participation_team');
}

/** The dedupe key: one reminder per occurrence date, offset and recipient, however often the timer runs. */
export const reminderKey = (forumId: string, date: IsoDate, offsetDays: number, to: Recipient): string =>
  `forum-reminder:${forumId}:${date}:${offsetDays}:${recipientKey(to)}`;

/** Enqueues every due reminder, to the forum's channel and 1:1 to each facilitator; returns how many were new. */
export async function sendForumReminders(deps: ForumReminderDeps): Promise<{ enqueued: number; alreadySent: number }> {
  const now = deps.clock.now();
  const due = dueReminders(await deps.forums.list(), now, deps.calendar);
  if (!due.length) return { enqueued: 0, alreadySent: 0 };
  const mappings = await deps.mappings();
  let enqueued = 0;
  let alreadySent = 0;
  for (const { forum, occurrence, offsetDays } of due) {
    const said = await forumYouSaidWeDid(deps, forum, occurrence);
    const base = {
      forumId: forum.id,
      forumName: forum.name,
      forumType: forumTypeLabel[forum.type],
      dateWords: dateInWords(occurrence.date),
      timeWords: timeInWords(occurrence.time),
      daysToGo: daysToGo(reminderDay(occurrence.date, offsetDays, deps.calendar), occurrence.date),
      moved: occurrence.status === 'moved',
      place: occurrence.place,
      onlineLink: forum.onlineLink,
      occurrenceDate: occurrence.originalDate,
      printable: PRINTABLE_FORUM_TYPES.includes(forum.type),
    };
    const channelId = reminderChannel(forum, mappings);
    // A channel is seen by every member: a place that looks like an address goes only to facilitators.
    const channelPlace = !base.place || (await deps.piiCheck(base.place)).ok ? base.place : 'the usual place (the people who run the meeting have the address)';
    const sends: { to: Recipient; view: ReminderView }[] = [
      ...(channelId
        ? [{ to: { kind: 'channel', channelId } as Recipient, view: { ...base, place: channelPlace, promises: said.shareable.open, withheld: said.withheld.open, done: said.shareable.done, doneWithheld: said.withheld.done, forChannel: true } }]
        : []),
      ...forum.facilitatorIds.map((personId) => ({
        to: { kind: 'person', personId } as Recipient,
        view: { ...base, promises: said.all.open, withheld: 0, done: said.all.done, doneWithheld: 0, forChannel: false },
      })),
    ];
    for (const { to, view } of sends) {
      const fresh = await deps.outbox.enqueue({
        dedupeKey: reminderKey(forum.id, occurrence.date, offsetDays, to),
        to,
        kind: 'forum.reminder',
        card: deps.renderReminder(view),
        text: `Reminder: ${forum.name}, ${base.dateWords} at ${base.timeWords}`,
      });
      if (fresh) enqueued++;
      else alreadySent++;
    }
  }
  return { enqueued, alreadySent };
}
