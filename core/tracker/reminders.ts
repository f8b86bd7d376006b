import { londonDate, type IsoDate } from '../calendar/working-days';
import type { OutgoingMessage } from '../model/messaging';
import type { Outbox } from '../ports';
import type { ReminderDeps } from './deps';
import type { TrackerItem } from './item';
import { shiftDays } from './dates';

export interface ReminderSettings {
  /** Working days before the due date that the owner is reminded. */
  remindWorkingDaysBefore: number;
  /** How far back the scan looks for items that went overdue while it was not running. */
  lookBackDays: number;
}
export const defaultReminderSettings: ReminderSettings = { remindWorkingDaysBefore: 3, lookBackDays: 60 };

export type ReminderKind = 'reminder' | 'overdue';

/** Which items are owed a reminder (before due) or a nudge (after due) today; each is sent once. */
export function remindersDue(
  items: readonly TrackerItem[],
  today: IsoDate,
  remindFrom: (due: IsoDate) => IsoDate,
): { item: TrackerItem; kind: ReminderKind }[] {
  const out: { item: TrackerItem; kind: ReminderKind }[] = [];
  for (const item of items) {
    if (item.status !== 'open') continue;
    if (today > item.dueDate) {
      if (!item.overdueNudgedAt) out.push({ item, kind: 'overdue' });
    } else if (!item.remindedAt && today >= remindFrom(item.dueDate)) out.push({ item, kind: 'reminder' });
  }
  return out;
}

/**
 * The timer's use-case: reads only items due in a window around today, enqueues each owed message
 * (the dedupe key makes a repeated run harmless), then marks the item and audits it.
 */
export async function sendTrackerReminders(
  deps: ReminderDeps & {
    outbox: Outbox;
    message: (item: TrackerItem, kind: ReminderKind, today: IsoDate) => Omit<OutgoingMessage, 'dedupeKey' | 'to' | 'kind'>;
    settings?: ReminderSettings;
  },
): Promise<{ reminded: number; nudged: number }> {
  const s = deps.settings ?? defaultReminderSettings;
  const now = deps.clock.now();
  const today = londonDate(now);
  const horizon = deps.calendar.addWorkingDays(today, s.remindWorkingDaysBefore + 1);
  const items = await deps.items.listDueBetween(shiftDays(today, -s.lookBackDays), horizon);
  const due = remindersDue(items, today, (d) => deps.calendar.addWorkingDays(d, -s.remindWorkingDaysBefore));
  let reminded = 0;
  let nudged = 0;
  for (const { item, kind } of due) {
    await deps.outbox.enqueue({
      ...deps.message(item, kind, today),
      dedupeKey: `tracker:${kind}:${item.id}:${item.dueDate}`,
      to: { kind: 'person', personId: item.ownerId },
      kind: kind === 'reminder' ? 'tracker.reminder' : 'tracker.overdue',
    });
    const current = await deps.items.get(item.id);
    if (!current) continue;
    const at = now.toISOString();
    const next = { ...current.value, ...(kind === 'reminder' ? { remindedAt: at } : { overdueNudgedAt: at }) };
    await deps.items.update(next, current.etag);
    await deps.audit.append({
      actorId: 'system:tracker-reminders',
      action: kind === 'reminder' ? 'tracker.reminded' : 'tracker.overdue_nudged',
      recordType: 'tracker-item',
      recordId: item.id,
      at,
      detail: { ownerId: item.ownerId, dueDate: item.dueDate },
    });
    if (kind === 'reminder') reminded++;
    else nudged++;
  }
  return { reminded, nudged };
}
