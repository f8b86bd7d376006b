// An in-memory ExampleStore for unit tests of core (the Table store is adapters/tables/example-store.ts).
import type { IsoDate } from '../calendar/working-days';
import { DomainError } from '../errors';
import type { Versioned } from '../ports';
import { inRange, monthsCovering } from '../tracker/months';
import type { Example } from '../examples/example';
import type { ExampleStore } from '../examples/ports';

export class InMemoryExampleStore implements ExampleStore {
  readonly rows = new Map<string, Versioned<Example>>();
  readonly monthsRead: string[] = [];
  private n = 0;
  async get(id: string) {
    const r = this.rows.get(id);
    return r && { value: structuredClone(r.value), etag: r.etag };
  }
  async create(e: Example) {
    if (this.rows.has(e.id)) throw new DomainError('CONFLICT', 'exists');
    this.rows.set(e.id, { value: structuredClone(e), etag: `e${++this.n}` });
  }
  async update(e: Example, etag: string) {
    if (this.rows.get(e.id)?.etag !== etag) throw new DomainError('CONFLICT', 'changed');
    const next = `e${++this.n}`;
    this.rows.set(e.id, { value: structuredClone(e), etag: next });
    return next;
  }
  async listRecordedBetween(from: IsoDate, to: IsoDate) {
    this.monthsRead.push(...monthsCovering(from, to));
    return [...this.rows.values()].map((r) => structuredClone(r.value)).filter((e) => inRange(e.recordedOn, from, to));
  }
}
