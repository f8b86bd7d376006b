import { RestError, type TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';
import type { z } from 'zod';
import { DomainError } from '../../core/errors';
import { odataString } from './keys';

/** Properties the service adds to every entity; never part of a domain object. */
const SYSTEM = new Set(['partitionKey', 'rowKey', 'etag', 'timestamp', 'odata.etag', 'odata.metadata']);

/** A domain object as entity properties: scalars as they are, arrays and objects as JSON strings. */
export function toProperties(value: object): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || v === null) continue;
    out[k] = typeof v === 'object' ? JSON.stringify(v) : (v as string | number | boolean);
  }
  return out;
}

/** Reads an entity back through the domain schema; `jsonFields` were written as JSON strings. */
export function fromEntity<S extends z.ZodType>(
  schema: S,
  entity: Record<string, unknown>,
  jsonFields: readonly string[] = [],
): z.infer<S> {
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entity)) {
    if (SYSTEM.has(k) || k.startsWith('odata.') || k.endsWith('@odata.type')) continue;
    raw[k] = jsonFields.includes(k) && typeof v === 'string' ? JSON.parse(v) : v;
  }
  return schema.parse(raw);
}

export const statusOf = (err: unknown): number | undefined =>
  err instanceof RestError ? err.statusCode : (err as { statusCode?: number } | undefined)?.statusCode;

/** Point read; undefined when the entity does not exist. */
export async function getOrUndefined(
  client: TableClient,
  partitionKey: string,
  rowKey: string,
): Promise<(Record<string, unknown> & { etag: string }) | undefined> {
  try {
    return (await client.getEntity<Record<string, unknown>>(partitionKey, rowKey)) as Record<string, unknown> & {
      etag: string;
    };
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw err;
  }
}

/** Deletes; an entity that is already gone is fine (so a repeated run converges). */
export async function deleteIfExists(client: TableClient, partitionKey: string, rowKey: string): Promise<void> {
  try {
    await client.deleteEntity(partitionKey, rowKey);
  } catch (err) {
    if (statusOf(err) !== 404) throw err;
  }
}

/** A 412 on an ifMatch write means someone else wrote first. */
export function conflictOn412(err: unknown, what: string): never {
  if (statusOf(err) === 412) throw new DomainError('CONFLICT', `${what} was changed by someone else`);
  throw err;
}

/** Upserts (replace) grouped by partition, 100 per transaction: the most a batch may hold; `parallel` transactions at once. */
export async function upsertInBatches(client: TableClient, entities: readonly TableEntity<object>[], parallel = 4): Promise<void> {
  const byPartition = new Map<string, Map<string, TableEntity<object>>>();
  for (const e of entities) {
    const rows = byPartition.get(e.partitionKey) ?? new Map<string, TableEntity<object>>();
    rows.set(e.rowKey, e); // a batch may not name a row twice: last one wins
    byPartition.set(e.partitionKey, rows);
  }
  const batches: TransactionAction[][] = [];
  for (const rows of byPartition.values()) {
    const all = [...rows.values()];
    for (let i = 0; i < all.length; i += 100) {
      batches.push(all.slice(i, i + 100).map((e) => ['upsert', e, 'Replace'] as TransactionAction));
    }
  }
  // A batch of one is a plain upsert: the same one request, without a transaction's multipart envelope.
  await inParallel(batches, parallel, (actions) =>
    actions.length === 1 ? client.upsertEntity(actions[0]![1] as TableEntity<object>, 'Replace').then(() => undefined) : client.submitTransaction(actions).then(() => undefined),
  );
}

/** Runs `fn` over items with at most `limit` in flight. */
export async function inParallel<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** A table client made on first use (creating the table once), so stores can be built synchronously. */
export type LazyClient = () => Promise<TableClient>;

export const lazyClient = (make: () => Promise<TableClient>): LazyClient => {
  let client: Promise<TableClient> | undefined;
  return () => {
    client ??= make().catch((err: unknown) => {
      client = undefined;
      throw err;
    });
    return client;
  };
};

/**
 * Every entity of the partitions from `first` to `last` inclusive (keys compare as strings, so
 * `day|2026-11-02`..`day|2026-11-15` is two weeks of day partitions). One query instead of one per
 * partition: Azure serves it in key order, and Azurite, which evaluates every query against the whole
 * table, scans once rather than once a day.
 */
export async function listPartitionRange(client: TableClient, first: string, last: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  const filter = `PartitionKey ge ${odataString(first)} and PartitionKey le ${odataString(last)}`;
  for await (const e of client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) out.push(e);
  return out;
}

/** Every entity of one partition. */
export async function listPartition(client: TableClient, partitionKey: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  const filter = `PartitionKey eq ${odataString(partitionKey)}`;
  for await (const e of client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) out.push(e);
  return out;
}
