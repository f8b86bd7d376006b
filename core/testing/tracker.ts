// An in-memory TrackerStore for unit tests of core (the Table store is adapters/tables/tracker-store.ts).
import type { IsoDate } from '../calendar/working-days';
import { DomainError } from '../errors';
import type { Versioned } from '../ports';
import { isActive, type TrackerItem } from '../tracker/item';
import { inRange, monthsCovering } from '../tracker/months';
import type { TrackerStore } from '../tracker/ports';

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

