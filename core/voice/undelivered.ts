import { londonDate } from '../calendar/working-days';
import type { Clock } from '../clock';
import type { AuditLog, ChildStore, MeetingStore, Outbox, PersonStore } from '../ports';
import type { WorkingCalendar } from '../calendar/working-days';
import { scheduleFor } from './schedule';
import { nudgeItemView, type EscalationDigestView, type EscalationItemView } from './nudge-view';
import type { DeliveryStatus, ManagerDirectory, NudgeStateStore } from './ports';
import type { VoiceSettings } from './settings';

export interface UndeliveredDeps {
  meetings: Pick<MeetingStore, 'get'>;
  children: Pick<ChildStore, 'get'>;
  people: Pick<PersonStore, 'get'>;
  managers: ManagerDirectory;
  nudges: NudgeStateStore;
  outbox: Outbox;
  delivery: DeliveryStatus;
  audit: AuditLog;
  clock: Clock;
  calendar: WorkingCalendar;
  settings: VoiceSettings;
  cards: { escalationDigest(view: EscalationDigestView): Record<string, unknown> };
}

/**
 * A nudge the outbox could not deliver (the worker has not installed the app, or blocked it) is
 * reported to their line manager with the same escalation card, never dropped silently. Runs on each
 * timer tick; reads only today's nudge cards that have no outcome yet.
 */
export async function reportUndelivered(deps: UndeliveredDeps): Promise<{ checked: number; undeliverable: number }> {
  const now = deps.clock.now();
  const today = londonDate(now);
  const open = (await deps.nudges.listDigests(today)).filter((d) => !d.outcome);
  let undeliverable = 0;
  for (const digest of open) {
    const outcome = await deps.delivery.deliveryOf(digest.messageKey);
    if (outcome === 'pending') continue;
    if (outcome === 'undeliverable') {
      undeliverable++;
      await tellManager(digest.recipientId, digest.meetingIds, digest.messageKey, deps);
    }
    await deps.nudges.recordDigest({ ...digest, outcome });
  }
  return { checked: open.length, undeliverable };
}

async function tellManager(workerId: string, meetingIds: readonly string[], messageKey: string, deps: UndeliveredDeps): Promise<void> {
  const at = deps.clock.now().toISOString();
  const today = londonDate(deps.clock.now());
  const [managerId, worker] = await Promise.all([deps.managers.managerOf(workerId), deps.people.get(workerId)]);
  await deps.audit.append({
    actorId: 'system:nudge-scan', action: 'nudge.undeliverable', recordType: 'person', recordId: workerId, at,
    detail: { messageKey, meetingIds, managerId: managerId ?? null },
  });
  if (!managerId) return;
  const items: EscalationItemView[] = [];
  for (const id of meetingIds) {
    const meeting = (await deps.meetings.get(id))?.value;
    const child = meeting && (await deps.children.get(meeting.childRef))?.value;
    if (!meeting || !child) continue;
    const schedule = scheduleFor(meeting, deps.settings, deps.calendar);
    const item = nudgeItemView({ meeting, child, schedule, today, settings: deps.settings, calendar: deps.calendar });
    items.push({ ...item, workerId, workerName: worker?.displayName ?? 'A worker', reason: 'undeliverable' });
  }
  if (items.length === 0) return;
  await deps.outbox.enqueue({
    dedupeKey: `undeliverable:${messageKey}`,
    to: { kind: 'person', personId: managerId },
    kind: 'escalation',
    card: deps.cards.escalationDigest({ managerId, date: today, items }),
  });
}
