import { createHash } from 'node:crypto';
import { RestError, type TableClient, type TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { OutgoingMessageSchema, type Clock, type Outbox, type OutgoingMessage } from '../../core';
import { tableClient, type TablesConfig } from './client';
import { inParallel } from './entity';
import { encodeKey } from './keys';
import { TABLES } from './names';

/** Where a logical message is in its life. Only pending (and sending, once its lease runs out) are ever sent. */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'parked';

export interface OutboxItem {
  id: string;
  message: OutgoingMessage;
  status: OutboxStatus;
  /** Every claim to send, including throttled ones. */
  attempts: number;
  /** Failed attempts that count towards parking (429s do not: they are the connector pacing us). */
  failures: number;
  /** Claims made after an earlier claim's outcome was lost in a crash: the only way a duplicate can arise. */
  uncertainResends: number;
  /**
   * Attempts that timed out or got a 5xx: the connector may have accepted the message before failing, so
   * if it is sent later it may arrive twice.
   */
  possibleDuplicates: number;
  nextAttemptAt: string;
  enqueuedAt: string;
  leaseUntil?: string;
  lastError?: string;
  activityId?: string;
  conversationId?: string;
  sentAt?: string;
  /** The row key of its due-index row ('' when finished). */
  dueRow: string;
  etag: string;
}

// One table, SHARDS partitions. Each partition holds its messages (`m|<id>`) and a due-time index
// (`d|<ISO time>|<id>`), so a message and its index row always change together in one atomic batch
// (transactions never span partitions), and a drain reads only the index rows that are due.
const SHARDS = 8;
const CHUNK = 30_000; // a string property holds at most 32K UTF-16 characters; cards can be up to ~80 KB

const idOf = (dedupeKey: string): string => {
  const encoded = encodeKey(dedupeKey);
  return encoded.length <= 250 && /^[\x20-\x7e]*$/.test(encoded)
    ? encoded
    : `h-${createHash('sha256').update(dedupeKey).digest('hex')}`;
};
const shardOf = (id: string): string => `s${createHash('sha256').update(id).digest()[0]! % SHARDS}`;
const dueRow = (at: string, id: string): string => `d|${at}|${id}`;

const STATUSES = ['pending', 'sending', 'sent', 'failed', 'parked'] as const;
const count = z.number().int().min(0);
const text = z.string().optional();

/** What a message row must hold to be sent; anything else is unreadable (parked, never stops a drain). */
const MessageRowSchema = z.looseObject({
  rowKey: z.string().startsWith('m|'),
  etag: z.string(),
  dedupeKey: z.string().min(1),
  to: z.string(),
  kind: z.string(),
  text,
  replaces: text,
  status: z.enum(STATUSES),
  attempts: count,
  failures: count,
  uncertainResends: count.optional(),
  possibleDuplicates: count.optional(),
  nextAttemptAt: z.string(),
  enqueuedAt: z.string(),
  dueRow: z.string().default(''),
  leaseUntil: text,
  lastError: text,
  activityId: text,
  conversationId: text,
  sentAt: text,
  cardChunks: count.default(0),
});

/** A message row that cannot be read (bad JSON, a missing field, a message that fails its schema). */
export interface UnreadableRow {
  id: string;
  etag: string;
  dueRow: string;
  /** What was wrong, in a line (field names, never the content). */
  reason: string;
  status?: string;
  kind?: string;
  enqueuedAt?: string;
  lastError?: string;
}

/** Thrown by reads of one message whose row is unreadable, so the caller can set it aside. */
export class UnreadableOutboxRow extends Error {
  constructor(readonly row: UnreadableRow) {
    super(`outbox row ${row.id} is unreadable: ${row.reason}`);
    this.name = 'UnreadableOutboxRow';
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const problem = (err: unknown): string =>
  err instanceof z.ZodError ? err.issues.map((i) => `${i.path.join('.') || 'row'}: ${i.code}`).join('; ').slice(0, 300) : `${(err as Error).name}: bad JSON`;

/** A stored row as an item, or the reason it cannot be one. */
function readRow(raw: Record<string, unknown>): OutboxItem | UnreadableRow {
  const id = String(raw.rowKey ?? '').slice(2);
  try {
    const e = MessageRowSchema.parse(raw);
    let card: Record<string, unknown> | undefined;
    if (e.cardChunks > 0) {
      let json = '';
      for (let i = 0; i < e.cardChunks; i++) json += z.string().parse(e[`card${i}`]);
      card = JSON.parse(json) as Record<string, unknown>;
    }
    const message = OutgoingMessageSchema.parse({
      dedupeKey: e.dedupeKey,
      to: JSON.parse(e.to),
      kind: e.kind,
      ...(card ? { card } : {}),
      ...(e.text !== undefined ? { text: e.text } : {}),
      ...(e.replaces ? { replaces: e.replaces } : {}),
    });
    return {
      id,
      message,
      status: e.status,
      attempts: e.attempts,
      failures: e.failures,
      uncertainResends: e.uncertainResends ?? 0,
      possibleDuplicates: e.possibleDuplicates ?? 0,
      nextAttemptAt: e.nextAttemptAt,
      enqueuedAt: e.enqueuedAt,
      leaseUntil: e.leaseUntil,
      lastError: e.lastError,
      activityId: e.activityId,
      conversationId: e.conversationId,
      sentAt: e.sentAt,
      dueRow: e.dueRow,
      etag: e.etag,
    };
  } catch (err) {
    return {
      id,
      etag: String(raw.etag ?? ''),
      dueRow: str(raw.dueRow) ?? '',
      reason: problem(err),
      status: str(raw.status),
      kind: str(raw.kind),
      enqueuedAt: str(raw.enqueuedAt),
      lastError: str(raw.lastError),
    };
  }
}

const isItem = (r: OutboxItem | UnreadableRow): r is OutboxItem => 'message' in r;

export const statusCodeOf = (err: unknown): number | undefined =>
  err instanceof RestError ? err.statusCode : (err as { statusCode?: number } | undefined)?.statusCode;

/** What changes when an item moves on; `dueAt` undefined takes it out of the due index (finished). */
export interface Transition {
  status: OutboxStatus;
  dueAt?: string;
  attempts?: number;
  failures?: number;
  uncertainResends?: number;
  possibleDuplicates?: number;
  leaseUntil?: string;
  lastError?: string;
  activityId?: string;
  conversationId?: string;
  sentAt?: string;
}

/** The outbox in Table Storage: enqueue once per dedupe key; items move between states under their ETag. */
export class TableOutboxStore implements Outbox {
  constructor(
    private readonly config: TablesConfig,
    private readonly clock: Clock,
  ) {}

  private table(): Promise<TableClient> {
    return tableClient(this.config, TABLES.outbox);
  }

  /** A message's row and its due index row (same partition), as enqueue writes them. */
  private rowsOf(input: OutgoingMessage): { id: string; partitionKey: string; entity: Record<string, unknown> & { partitionKey: string; rowKey: string }; index: { partitionKey: string; rowKey: string; id: string } } {
    const message = OutgoingMessageSchema.parse(input);
    const id = idOf(message.dedupeKey);
    const partitionKey = shardOf(id);
    const now = this.clock.now().toISOString();
    const cardJson = message.card ? JSON.stringify(message.card) : '';
    const chunks: Record<string, string> = {};
    for (let i = 0; i * CHUNK < cardJson.length; i++) chunks[`card${i}`] = cardJson.slice(i * CHUNK, (i + 1) * CHUNK);
    const entity = {
      partitionKey,
      rowKey: `m|${id}`,
      dedupeKey: message.dedupeKey,
      to: JSON.stringify(message.to),
      kind: message.kind,
      ...(message.text !== undefined ? { text: message.text } : {}),
      ...(message.replaces ? { replaces: message.replaces } : {}),
      status: 'pending',
      attempts: 0,
      failures: 0,
      uncertainResends: 0,
      possibleDuplicates: 0,
      nextAttemptAt: now,
      enqueuedAt: now,
      dueRow: dueRow(now, id),
      cardChunks: Object.keys(chunks).length,
      ...chunks,
    };
    return { id, partitionKey, entity, index: { partitionKey, rowKey: entity.dueRow, id } };
  }

  async enqueue(input: OutgoingMessage): Promise<boolean> {
    const { entity, index } = this.rowsOf(input);
    try {
      // The message and its index row are written together or not at all: nothing can be enqueued unseen.
      await (await this.table()).submitTransaction([
        ['create', entity],
        ['create', index],
      ]);
      return true;
    } catch (err) {
      if (statusCodeOf(err) === 409) return false; // already enqueued under this dedupe key
      throw err;
    }
  }

  /**
   * Many messages at once (the morning scan's cards): the messages of one shard, each with its index row, go
   * in one transaction (up to 50 messages and about 2 MB), so each message is still written whole with its
   * index row or not at all. A batch that meets a message already there (a rerun after a crash) is written
   * nothing and falls back to one message at a time, so each answer is still whether it was new.
   */
  async enqueueMany(inputs: readonly OutgoingMessage[]): Promise<boolean[]> {
    const rows = inputs.map((m) => this.rowsOf(m));
    const fresh = rows.map(() => false);
    const seen = new Set<string>();
    const batches = new Map<string, { at: number[]; size: number }[]>();
    rows.forEach((r, at) => {
      if (seen.has(r.id)) return; // the same dedupe key twice in one call: the second is a duplicate
      seen.add(r.id);
      const size = Buffer.byteLength(JSON.stringify(r.entity)) + 300; // bytes, with the batch part's headers
      const list = batches.get(r.partitionKey) ?? [];
      const last = list.at(-1);
      if (last && last.at.length < 50 && last.size + size <= 2_000_000) {
        last.at.push(at);
        last.size += size;
      } else list.push({ at: [at], size });
      batches.set(r.partitionKey, list);
    });
    const table = await this.table();
    await inParallel([...batches.values()].flat(), 4, async ({ at }) => {
      try {
        await table.submitTransaction(at.flatMap((i): TransactionAction[] => [['create', rows[i]!.entity], ['create', rows[i]!.index]]));
        for (const i of at) fresh[i] = true;
      } catch (err) {
        if (statusCodeOf(err) !== 409) throw err;
        for (const i of at) fresh[i] = await this.enqueue(inputs[i]!);
      }
    });
    return fresh;
  }

  async get(dedupeKey: string): Promise<OutboxItem | undefined> {
    return this.getById(idOf(dedupeKey));
  }

  /** The item; throws UnreadableOutboxRow when its row cannot be read. */
  async getById(id: string): Promise<OutboxItem | undefined> {
    let raw: Record<string, unknown>;
    try {
      raw = await (await this.table()).getEntity<Record<string, unknown>>(shardOf(id), `m|${id}`);
    } catch (err) {
      if (statusCodeOf(err) === 404) return undefined;
      throw err;
    }
    const row = readRow(raw);
    if (!isItem(row)) throw new UnreadableOutboxRow(row);
    return row;
  }

  /**
   * Sets an unreadable row aside: its status (parked, or failed when an admin discards it) and the reason,
   * and out of the due index in the same batch, under its ETag. False when it changed meanwhile.
   */
  async setAside(row: UnreadableRow, status: 'parked' | 'failed', lastError: string): Promise<boolean> {
    const partitionKey = shardOf(row.id);
    const actions: TransactionAction[] = [
      ['update', { partitionKey, rowKey: `m|${row.id}`, status, lastError: lastError.slice(0, 500), dueRow: '' }, 'Merge', { etag: row.etag }],
    ];
    if (row.dueRow) actions.push(['delete', { partitionKey, rowKey: row.dueRow }]);
    try {
      await (await this.table()).submitTransaction(actions);
      return true;
    } catch (err) {
      const status = statusCodeOf(err);
      if (status === 412 || status === 404) return false;
      throw err;
    }
  }

  /** Ids of items due by `now`, oldest first, reading only the due index of each partition. */
  async listDue(now: Date, limit: number): Promise<string[]> {
    const table = await this.table();
    const upper = `d|${now.toISOString()}}`; // '}' sorts after '|': every row due at or before now
    const perShard = await Promise.all(
      Array.from({ length: SHARDS }, async (_, shard) => {
        const rows: { rowKey: string; id: string }[] = [];
        const filter = `PartitionKey eq 's${shard}' and RowKey ge 'd|' and RowKey lt '${upper}'`;
        for await (const e of table.listEntities<{ id: string }>({ queryOptions: { filter, select: ['RowKey', 'id'] } })) {
          rows.push({ rowKey: e.rowKey!, id: e.id });
          if (rows.length >= limit) break;
        }
        return rows;
      }),
    );
    return perShard
      .flat()
      .sort((a, b) => (a.rowKey < b.rowKey ? -1 : 1))
      .slice(0, limit)
      .map((r) => r.id);
  }

  /** When the next item falls due (the earliest due-index row of any partition); undefined when none is left. */
  async nextDueAt(): Promise<Date | undefined> {
    const table = await this.table();
    const firsts = await Promise.all(
      Array.from({ length: SHARDS }, async (_, shard) => {
        const filter = `PartitionKey eq 's${shard}' and RowKey ge 'd|' and RowKey lt 'd}'`;
        const page = await table.listEntities({ queryOptions: { filter, select: ['RowKey'] } }).byPage({ maxPageSize: 1 }).next();
        return page.done ? undefined : page.value[0]?.rowKey;
      }),
    );
    const first = firsts.filter((k): k is string => k !== undefined).sort()[0];
    return first ? new Date(first.split('|')[1]!) : undefined;
  }

  /**
   * Moves an item to its next state, guarded by its ETag, and moves its due-index row in the same
   * transaction. Returns the new item, or undefined when someone else changed it first (412).
   */
  async transition(item: OutboxItem, change: Transition): Promise<OutboxItem | undefined> {
    const table = await this.table();
    const partitionKey = shardOf(item.id);
    const newDue = change.dueAt ? dueRow(change.dueAt, item.id) : '';
    const { dueAt: _dueAt, ...fields } = change;
    const updated = {
      partitionKey,
      rowKey: `m|${item.id}`,
      ...fields,
      ...(change.dueAt ? { nextAttemptAt: change.dueAt } : {}),
      dueRow: newDue,
    };
    const actions: TransactionAction[] = [['update', updated, 'Merge', { etag: item.etag }]];
    if (item.dueRow && item.dueRow !== newDue) actions.push(['delete', { partitionKey, rowKey: item.dueRow }]);
    if (newDue && item.dueRow !== newDue) actions.push(['create', { partitionKey, rowKey: newDue, id: item.id }]);
    let etag: string | undefined;
    try {
      const result = await table.submitTransaction(actions);
      etag = result.getResponseForEntity(`m|${item.id}`)?.etag ?? result.subResponses[0]?.etag;
    } catch (err) {
      const status = statusCodeOf(err);
      if (status === 412 || status === 404 || status === 409) return undefined;
      throw err;
    }
    if (!etag) return this.getById(item.id);
    return { ...item, ...fields, nextAttemptAt: change.dueAt ?? item.nextAttemptAt, dueRow: newDue, etag };
  }

  /** Removes an index row that points at a finished or missing item (should not happen; converges if it does). */
  async dropDue(id: string): Promise<void> {
    const table = await this.table();
    const partitionKey = shardOf(id);
    const filter = `PartitionKey eq '${partitionKey}' and RowKey ge 'd|' and RowKey lt 'd}' and id eq '${id.replace(/'/g, "''")}'`;
    const item = await this.getById(id);
    for await (const e of table.listEntities({ queryOptions: { filter } })) {
      if (item && (item.status === 'pending' || item.status === 'sending')) continue;
      await table.deleteEntity(partitionKey, e.rowKey!).catch((err: unknown) => {
        if (statusCodeOf(err) !== 404) throw err;
      });
    }
  }

  /** Every item in a state (for the admin view and tests); a full scan, not for the send path. */
  async listByStatus(status: OutboxStatus): Promise<OutboxItem[]> {
    return (await this.listRows(status)).items;
  }

  /** Every row in a state, the unreadable ones apart (so one bad row never hides the others). */
  async listRows(status: OutboxStatus): Promise<{ items: OutboxItem[]; unreadable: UnreadableRow[] }> {
    const table = await this.table();
    const out = { items: [] as OutboxItem[], unreadable: [] as UnreadableRow[] };
    const filter = `RowKey ge 'm|' and RowKey lt 'm}' and status eq '${status}'`;
    for await (const e of table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      const row = readRow(e);
      if (isItem(row)) out.items.push(row);
      else out.unreadable.push(row);
    }
    return out;
  }
}
