// An in-memory TrackerStore for unit tests of core (the Table store is adapters/tables/tracker-store.ts).
import type { IsoDate } from '../calendar/working-days';
import { DomainError } from '../errors';
import type { AuditEntry } from '../model/audit';
import type { OutgoingMessage } from '../model/messaging';
import type { Person } from '../model/person';
import type { AuditLog, Outbox, PersonStore, Versioned } from '../ports';
import { isActive, type TrackerItem } from './item';
import { inRange, monthsCovering } from './months';
import type { TrackerStore } from './ports';

export class InMemoryTrackerStore implements TrackerStore {
  readonly rows = new Map<string, Versioned<TrackerItem>>();
  /** Months each period query read: lets tests check that cost follows the period. */
  readonly monthsRead: string[] = [];
  private n = 0;

  async get(id: string) {
    const r = this.rows.get(id);
    return r && { value: structuredClone(r.value), etag: r.etag };
  }
  async create(item: TrackerItem) {
    if (this.rows.has(item.id)) throw new DomainError('CONFLICT', 'exists');
    this.rows.set(item.id, { value: structuredClone(item), etag: `e${++this.n}` });
  }
  async update(item: TrackerItem, etag: string) {
    const before = this.rows.get(item.id);
    if (!before) throw new DomainError('NOT_FOUND', 'missing');
    if (before.etag !== etag) throw new DomainError('CONFLICT', 'changed');
    const next = `e${++this.n}`;
    this.rows.set(item.id, { value: structuredClone(item), etag: next });
    return next;
  }
  private between(field: 'raisedOn' | 'dueDate' | 'closedOn', from: IsoDate, to: IsoDate) {
    this.monthsRead.push(...monthsCovering(from, to));
    return [...this.rows.values()].map((r) => structuredClone(r.value)).filter((i) => inRange(i[field], from, to));
  }
  async listRaisedBetween(from: IsoDate, to: IsoDate) {
    return this.between('raisedOn', from, to);
  }
  async listDueBetween(from: IsoDate, to: IsoDate) {
    return this.between('dueDate', from, to);
  }
  async listClosedBetween(from: IsoDate, to: IsoDate) {
    return this.between('closedOn', from, to);
  }
  async listActiveByOwner(ownerId: string) {
    return (await this.listActive()).filter((i) => i.ownerId === ownerId);
  }
  async listActive() {
    return [...this.rows.values()].map((r) => structuredClone(r.value)).filter(isActive);
  }
}

/** The audit trail, kept in memory. */
export class InMemoryAudit implements AuditLog {
  readonly entries: AuditEntry[] = [];
  async append(e: Omit<AuditEntry, 'id' | 'at'> & { at?: string }) {
    this.entries.push({ ...e, id: `a${this.entries.length + 1}`, at: e.at ?? new Date(0).toISOString(), detail: e.detail ?? {} });
  }
  async listForRecord(recordType: string, recordId: string) {
    return this.entries.filter((e) => e.recordType === recordType && e.recordId === recordId);
  }
}

/** People by id, for authorisation and "my actions". */
export class InMemoryPeople implements Pick<PersonStore, 'get' | 'listByTeam'> {
  constructor(readonly people: Person[]) {}
  async get(id: string) {
    return this.people.find((p) => p.id === id);
  }
  async listByTeam(teamId: string) {
    return this.people.filter((p) => p.teamId === teamId);
  }
}

/** An outbox that refuses a repeated dedupe key, as the real one does. */
export class InMemoryOutbox implements Outbox {
  readonly sent: OutgoingMessage[] = [];
  async enqueue(m: OutgoingMessage) {
    if (this.sent.some((s) => s.dedupeKey === m.dedupeKey)) return false;
    this.sent.push(m);
    return true;
  }
}
