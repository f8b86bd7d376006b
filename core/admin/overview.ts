import { DateTime } from 'luxon';
import type { Clock } from '../clock';
import { LONDON, type IsoDate } from '../calendar/working-days';
import type { Person } from '../model/person';
import type { AuditLog, PersonStore } from '../ports';
import { requireAllowed } from '../roles/authorise';
import type { AdminOutbox, OutboxView } from './ports';

export interface AdminDeps {
  people: Pick<PersonStore, 'get'>;
  outbox: AdminOutbox;
  audit: AuditLog;
  clock: Clock;
  /** The last date the shipped bank-holiday list covers. */
  bankHolidaysCoveredUntil: IsoDate;
  /** Warn this many months before it runs out. */
  warningMonths: number;
}

/** Undeliverable for a reason a person must fix (the app not installed, blocked, removed), not a passing fault. */
export const UNDELIVERED_REASONS = ['no_conversation', 'blocked_or_removed'];

/** How the outbox records a channel post it stopped: this, then the kinds found ("identifying_detail: name, school"). */
export const BLOCKED_REASON = 'identifying_detail';

export interface AdminOverview {
  parked: OutboxView[];
  /** Nudges, escalations and reminders that could not reach their person. */
  undelivered: OutboxView[];
  /** Channel posts the PII guard stopped before they were sent (newest first); lastError names the kinds found. */
  blocked: OutboxView[];
  /** Channel posts the bot made that are still on file (newest first), which an admin may delete. */
  posts: OutboxView[];
  /** Messages sent after an attempt whose outcome was unknown (timeout, 5xx, a lost claim): they may have arrived twice. */
  possibleDuplicates: number;
  bankHolidays: { coveredUntil: IsoDate; warn: boolean; monthsLeft: number };
}

const newestFirst = (a: OutboxView, b: OutboxView) => ((b.sentAt ?? b.enqueuedAt) < (a.sentAt ?? a.enqueuedAt) ? -1 : 1);

/** Whether the shipped bank-holiday data runs out within the warning period (working days would be wrong after). */
export function bankHolidayStatus(coveredUntil: IsoDate, now: Date, warningMonths: number) {
  const today = DateTime.fromJSDate(now, { zone: LONDON }).startOf('day');
  const end = DateTime.fromISO(coveredUntil, { zone: LONDON });
  const monthsLeft = Math.max(0, Math.floor(end.diff(today, 'months').months));
  return { coveredUntil, monthsLeft, warn: end < today.plus({ months: warningMonths }) };
}

/** The admin view: refused (and audited) for anyone but an administrator. */
export async function adminOverview(deps: AdminDeps, actor: Pick<Person, 'id' | 'roles'> | undefined): Promise<AdminOverview> {
  await requireAllowed(actor, 'admin.view', {}, { audit: deps.audit });
  const [parked, failed, sent] = await Promise.all([deps.outbox.list('parked'), deps.outbox.list('failed'), deps.outbox.list('sent')]);
  return {
    parked: parked.sort(newestFirst),
    undelivered: failed.filter((m) => m.to?.kind === 'person' && UNDELIVERED_REASONS.some((r) => m.lastError?.startsWith(r))).sort(newestFirst),
    blocked: failed.filter((m) => m.to?.kind === 'channel' && m.lastError?.startsWith(BLOCKED_REASON)).sort(newestFirst).slice(0, 20),
    posts: sent.filter((m) => m.to?.kind === 'channel' && m.activityId && m.lastError !== 'deleted_by_admin').sort(newestFirst).slice(0, 10),
    possibleDuplicates: sent.filter((m) => (m.possibleDuplicates ?? 0) > 0).length,
    bankHolidays: bankHolidayStatus(deps.bankHolidaysCoveredUntil, deps.clock.now(), deps.warningMonths),
  };
}
