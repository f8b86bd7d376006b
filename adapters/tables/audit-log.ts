import { randomId, type NewId } from '../../core/clock';
import { AuditEntrySchema, type AuditEntry } from '../../core/model';
import type { AuditLog } from '../../core/ports';
import { fromEntity, inParallel, listPartition, toProperties, type LazyClient } from './entity';
import { encodeKey } from './keys';

export interface TableAuditLogOptions {
  now?: () => Date;
  newId?: NewId;
  /**
   * The record of truth (adapters/audit/append-blob-trail.ts): each entry is appended there first, and
   * only then indexed here. Without it (restores, some tests) the table is the whole trail.
   */
  trail?: { append(entry: AuditEntry): Promise<void>; appendMany?(entries: readonly AuditEntry[]): Promise<void> };
}

/**
 * The audit trail's per-record index, append-only. PartitionKey `<recordType>|<recordId>`; RowKey
 * `<ISO time>|<id>`, which sorts by time. Entries are inserted, never replaced: a duplicate RowKey fails
 * rather than overwrites. With a `trail`, an entry is written to the immutable append blobs first: if that
 * fails, nothing is indexed and the action that was being audited fails with it (fail closed).
 */
export class TableAuditLog implements AuditLog {
  private readonly now: () => Date;
  private readonly newId: NewId;

  constructor(
    private readonly client: LazyClient,
    private readonly options: TableAuditLogOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomId;
  }

  async append(entry: Omit<AuditEntry, 'id' | 'at'> & { at?: string }): Promise<void> {
    const full = AuditEntrySchema.parse({ ...entry, id: this.newId(), at: entry.at ?? this.now().toISOString() });
    await this.options.trail?.append(full);
    await (await this.client()).createEntity(rowOf(full));
  }

  /** The trail's lines in one append (a few for very many), then each entry's row under its record, 16 at a time. */
  async appendMany(entries: readonly (Omit<AuditEntry, 'id' | 'at'> & { at?: string })[]): Promise<void> {
    const full = entries.map((entry) => AuditEntrySchema.parse({ ...entry, id: this.newId(), at: entry.at ?? this.now().toISOString() }));
    const trail = this.options.trail;
    if (trail?.appendMany) await trail.appendMany(full);
    else for (const e of full) await trail?.append(e);
    const client = await this.client();
    await inParallel(full, 16, async (e) => {
      await client.createEntity(rowOf(e));
    });
  }

  async listForRecord(recordType: string, recordId: string): Promise<AuditEntry[]> {
    const rows = await listPartition(await this.client(), partitionFor(recordType, recordId));
    return rows.map((e) => fromEntity(AuditEntrySchema, e, ['detail']));
  }
}

// '|' separates the two parts, so it is escaped inside them.
const part = (v: string): string => encodeKey(v).replace(/\|/g, '%7C');
const partitionFor = (recordType: string, recordId: string): string => `${part(recordType)}|${part(recordId)}`;
const rowOf = (e: AuditEntry) => ({ partitionKey: partitionFor(e.recordType, e.recordId), rowKey: `${new Date(e.at).toISOString()}|${encodeKey(e.id)}`, ...toProperties(e) });
