import type { OutboxItem, TableOutboxStore } from '../../adapters/outbox';
import { UnreadableOutboxRow, type UnreadableRow } from '../../adapters/tables/outbox-store';
import type { AdminFeature, AdminOutbox, OutboxView } from '../../core/admin';
import type { WorkingCalendar } from '../../core/calendar';
import type { Clock } from '../../core/clock';
import type { AuditLog, ConversationStore, Outbox, PersonStore } from '../../core/ports';
import type { VoiceServices } from '../../core/voice';
import type { Config } from '../config';
import { heldImports } from '../import-held';
import type { ImportJobs, TableStores } from '../../adapters/tables';

const viewOf = (i: OutboxItem): OutboxView => ({
  id: i.id, kind: i.message.kind, to: i.message.to, status: i.status, enqueuedAt: i.enqueuedAt,
  lastError: i.lastError, sentAt: i.sentAt, activityId: i.activityId, conversationId: i.conversationId,
  possibleDuplicates: i.possibleDuplicates + i.uncertainResends,
});

// A row that could not be read: shown (it is parked with its reason), never hidden, never sent.
const unreadableView = (r: UnreadableRow, status: OutboxView['status']): OutboxView => ({
  id: r.id, kind: r.kind || 'unreadable message', status, enqueuedAt: r.enqueuedAt ?? new Date(0).toISOString(), lastError: r.lastError ?? `unreadable: ${r.reason}`,
});

/** The admin's view of the outbox, on the outbox's own state changes (each under its ETag). */
export function adminOutbox(outbox: TableOutboxStore, clock: Clock): AdminOutbox {
  // An unreadable row is not an item: it can only be discarded (retrying it would park it again).
  const read = async (id: string): Promise<OutboxItem | UnreadableRow | undefined> =>
    outbox.getById(id).catch((err: unknown) => {
      if (err instanceof UnreadableOutboxRow) return err.row;
      throw err;
    });
  const move = async (id: string, from: OutboxItem['status'], change: Parameters<TableOutboxStore['transition']>[1]) => {
    const item = await read(id);
    if (!item || item.status !== from) return false;
    if (!('message' in item)) return change.status === 'failed' && outbox.setAside(item, 'failed', change.lastError ?? 'discarded_by_admin');
    return Boolean(await outbox.transition(item, change));
  };
  return {
    list: async (status) => {
      const { items, unreadable } = await outbox.listRows(status);
      return [...items.map(viewOf), ...unreadable.map((r) => unreadableView(r, status))];
    },
    get: async (id) => {
      const item = await read(id);
      return item && ('message' in item ? viewOf(item) : unreadableView(item, item.status === 'parked' ? 'parked' : 'failed'));
    },
    // Back in the due index from now, with its failures forgotten, so it gets the full set of retries.
    retry: (id) => move(id, 'parked', { status: 'pending', dueAt: clock.now().toISOString(), failures: 0, lastError: 'retried_by_admin' }),
    discard: (id) => move(id, 'parked', { status: 'failed', lastError: 'discarded_by_admin' }),
    markDeleted: (id) => move(id, 'sent', { status: 'sent', lastError: 'deleted_by_admin' }),
  };
}

export interface AdminSources extends Pick<TableStores, 'auditReader'> {
  config: Pick<Config, 'BANK_HOLIDAY_WARNING_MONTHS' | 'COUNCIL_NAME'>;
  people: Pick<PersonStore, 'get'>;
  outbox: TableOutboxStore;
  audit: AuditLog;
  clock: Clock;
  calendar: WorkingCalendar;
  conversations: ConversationStore;
  voice?: VoiceServices;
  /** Imports held by the accidental-delete threshold (absent in hosts without imports). */
  imports?: { importJobs: ImportJobs; people: PersonStore; outbox: Outbox };
}

/** The admin feature from the app's services. */
export function buildAdmin(s: AdminSources): AdminFeature {
  const deps = {
    people: s.people,
    outbox: adminOutbox(s.outbox, s.clock),
    audit: s.audit,
    clock: s.clock,
    bankHolidaysCoveredUntil: s.calendar.coveredUntil,
    warningMonths: s.config.BANK_HOLIDAY_WARNING_MONTHS,
  };
  return {
    deps,
    pause: s.voice ? { ...s.voice, audit: s.audit, clock: s.clock } : undefined,
    auditReader: s.auditReader, // the immutable append blobs
    conversations: s.conversations,
    imports: s.imports ? heldImports({ ...s.imports, audit: s.audit, clock: s.clock, config: s.config }) : undefined,
  };
}
