import type { TableEntity } from '@azure/data-tables';
import type { z } from 'zod';
import { DomainError } from '../../core/errors';
import type { Versioned } from '../../core/ports';
import { encodeKey } from './keys';
import {
  conflictOn412,
  deleteIfExists,
  fromEntity,
  getOrUndefined,
  inParallel,
  listPartition,
  listPartitionRange,
  toProperties,
  upsertInBatches,
  type LazyClient,
} from './entity';

export interface CopyKey {
  partitionKey: string;
  rowKey: string;
}

export interface IndexedTableOptions<T> {
  client: LazyClient;
  schema: z.ZodType<T>;
  /** The partition holding the one authoritative entity per record (its ETag guards updates). */
  recordPartition: string;
  idOf(value: T): string;
  /** Where copies of the record live, so each query reads one partition. */
  copiesOf(value: T): CopyKey[];
  jsonFields?: readonly string[];
  /**
   * The record partition keeps growing past anything one read asks for (meetings: every year of history,
   * while a night's file names a window of it), so many ids are read by point, never by reading the whole
   * partition. Without it, more than 50 ids read the record partition once (children, people: a snapshot
   * names nearly all of them).
   */
  historyPartition?: boolean;
}

const keyOf = (k: CopyKey): string => `${k.partitionKey}\u0000${k.rowKey}`;

/**
 * One record per id in a record partition, plus full copies under index partitions.
 * Writes go copies first, then stale copies removed, then the record last: the record is the
 * "commit", so a run that stops half-way leaves the old record and is healed by repeating it.
 */
export class IndexedTable<T extends object> {
  constructor(private readonly o: IndexedTableOptions<T>) {}

  private parse = (e: Record<string, unknown>): T => fromEntity(this.o.schema, e, this.o.jsonFields) as T;
  private entity = (key: CopyKey, value: T): TableEntity<object> => ({ ...key, ...toProperties(value) });
  private recordKey = (id: string): CopyKey => ({ partitionKey: this.o.recordPartition, rowKey: encodeKey(id) });

  async get(id: string): Promise<Versioned<T> | undefined> {
    const e = await getOrUndefined(await this.o.client(), this.o.recordPartition, encodeKey(id));
    return e ? { value: this.parse(e), etag: e.etag } : undefined;
  }

  /** Current records for these ids: point reads for a few (or from a history partition), one partition scan for many. */
  async getMany(ids: readonly string[]): Promise<Map<string, T>> {
    const found = new Map<string, T>();
    if (ids.length > 50 && !this.o.historyPartition) {
      const wanted = new Set(ids);
      for (const v of await this.listPartition(this.o.recordPartition)) {
        if (wanted.has(this.o.idOf(v))) found.set(this.o.idOf(v), v);
      }
      return found;
    }
    await inParallel(ids, 32, async (id) => {
      const got = await this.get(id);
      if (got) found.set(id, got.value);
    });
    return found;
  }

  async upsertMany(values: readonly T[]): Promise<void> {
    const byId = new Map(values.map((v) => [this.o.idOf(v), v]));
    if (byId.size === 0) return;
    const client = await this.o.client();
    const before = await this.getMany([...byId.keys()]);
    const copies = [...byId.values()].flatMap((v) => this.o.copiesOf(v).map((k) => this.entity(k, v)));
    await upsertInBatches(client, copies);
    await this.removeStale(before, byId);
    const records = [...byId.values()].map((v) => this.entity(this.recordKey(this.o.idOf(v)), v));
    await upsertInBatches(client, records);
  }

  /**
   * Writes records that are not on file yet (a bulk load: five years of history at once), copies first and
   * records last as `upsertMany` does, but without reading what was there before: nothing is stale. Each
   * partition's rows go 100 to a transaction, `parallel` transactions in flight; the more of a partition's
   * rows one call holds, the fuller its transactions (give it a child's meetings together, not a day's).
   */
  async putMany(values: readonly T[], parallel = 8): Promise<void> {
    if (values.length === 0) return;
    const client = await this.o.client();
    await upsertInBatches(client, values.flatMap((v) => this.o.copiesOf(v).map((k) => this.entity(k, v))), parallel);
    await upsertInBatches(client, values.map((v) => this.entity(this.recordKey(this.o.idOf(v)), v)), parallel);
  }

  /** Replaces one record only if nobody wrote it since `etag` was read; returns the new ETag. */
  async update(value: T, etag: string, what: string): Promise<string> {
    const client = await this.o.client();
    const id = this.o.idOf(value);
    const before = await this.get(id);
    if (!before) throw new DomainError('NOT_FOUND', `${what} was not found`);
    if (before.etag !== etag) conflictOn412({ statusCode: 412 }, what);
    const res = await client
      .updateEntity(this.entity(this.recordKey(id), value), 'Replace', { etag })
      .catch((err: unknown) => conflictOn412(err, what));
    // The record won the race; now bring the copies in line with it.
    await upsertInBatches(client, this.o.copiesOf(value).map((k) => this.entity(k, value)));
    await this.removeStale(new Map([[id, before.value]]), new Map([[id, value]]));
    return res.etag ?? '';
  }

  /** One copy by its key (e.g. a person by UPN). */
  async getCopy(partitionKey: string, rowKey: string): Promise<T | undefined> {
    const e = await getOrUndefined(await this.o.client(), partitionKey, rowKey);
    return e ? this.parse(e) : undefined;
  }

  async listPartition(partitionKey: string): Promise<T[]> {
    return (await listPartition(await this.o.client(), partitionKey)).map(this.parse);
  }

  /** Every copy in the partitions from `first` to `last` inclusive, in one query. */
  async listPartitionRange(first: string, last: string): Promise<T[]> {
    return (await listPartitionRange(await this.o.client(), first, last)).map(this.parse);
  }

  private async removeStale(before: Map<string, T>, after: Map<string, T>): Promise<void> {
    const client = await this.o.client();
    // A key another record now owns (a reused UPN, say) is not stale.
    // A set, not a list: a nightly snapshot re-upserts every record, and a search per copy was quadratic.
    const keep = new Set([...after.values()].flatMap((v) => this.o.copiesOf(v).map(keyOf)));
    const stale: CopyKey[] = [];
    for (const old of before.values()) {
      for (const k of this.o.copiesOf(old)) if (!keep.has(keyOf(k))) stale.push(k);
    }
    await inParallel(stale, 8, (k) => deleteIfExists(client, k.partitionKey, k.rowKey));
  }
}
