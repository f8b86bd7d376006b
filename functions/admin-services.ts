import { tableClient } from '../adapters/tables/client';
import { lazyClient } from '../adapters/tables/entity';
import { TableAuditReader } from '../adapters/tables/audit-export';
import type { OutboxItem, TableOutboxStore } from '../adapters/outbox';
import type { AdminFeature, AdminOutbox, OutboxView } from '../core/admin';
import type { WorkingCalendar } from '../core/calendar/working-days';
import type { Clock } from '../core/clock';
import type { AuditLog, ConversationStore, Outbox, PersonStore } from '../core/ports';
import type { VoiceServices } from '../core/voice/runtime';
import type { Config } from './config';
import { heldImports } from './import-held';
import type { ImportJobs } from '../adapters/tables';
import { tablesConfigOf } from './services';

const viewOf = (i: OutboxItem): OutboxView => ({
  id: i.id, kind: i.message.kind, to: i.message.to, status: i.status, enqueuedAt: i.enqueuedAt,
  lastError: i.lastError, sentAt: i.sentAt, activityId: i.activityId, conversationId: i.conversationId,
});

/** The admin's view of the outbox, on the outbox's own state changes (each under its ETag). */
export function adminOutbox(outbox: TableOutboxStore, clock: Clock): AdminOutbox {
  const move = async (id: string, from: OutboxItem['status'], change: Parameters<TableOutboxStore['transition']>[1]) => {
    const item = await outbox.getById(id);
    if (!item || item.status !== from) return false;
    return Boolean(await outbox.transition(item, change));
  };
  return {
    list: async (status) => (await outbox.listByStatus(status)).map(viewOf),
    get: async (id) => {
      const item = await outbox.getById(id);
      return item && viewOf(item);
    },
    // Back in the due index from now, with its failures forgotten, so it gets the full set of retries.
    retry: (id) => move(id, 'parked', { status: 'pending', dueAt: clock.now().toISOString(), failures: 0, lastError: 'retried_by_admin' }),
    discard: (id) => move(id, 'parked', { status: 'failed', lastError: 'discarded_by_admin' }),
    markDeleted: (id) => move(id, 'sent', { status: 'sent', lastError: 'deleted_by_admin' }),
  };
}

export interface AdminSources {
  config: Config;
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
    auditReader: new TableAuditReader(lazyClient(() => tableClient(tablesConfigOf(s.config), 'Audit'))),
    conversations: s.conversations,
    imports: s.imports ? heldImports({ ...s.imports, audit: s.audit, clock: s.clock, config: s.config }) : undefined,
  };
}
