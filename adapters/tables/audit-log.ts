import { randomId, type NewId } from '../../core/clock';
import { AuditEntrySchema, type AuditEntry } from '../../core/model/audit';
import type { AuditLog } from '../../core/ports';
import { fromEntity, listPartition, toProperties, type LazyClient } from './entity';
import { encodeKey } from './keys';

/**
 * Audit table, append-only. PartitionKey `<recordType>|<recordId>`; RowKey `<ISO time>|<id>`, which
 * sorts by time. Entries are inserted, never replaced: a duplicate RowKey fails rather than overwrites.
 */
export class TableAuditLog implements AuditLog {
  constructor(
    private readonly client: LazyClient,
    private readonly now: () => Date = () => new Date(),
    private readonly newId: NewId = randomId,
  ) {}

  async append(entry: Omit<AuditEntry, 'id' | 'at'> & { at?: string }): Promise<void> {
    const full = AuditEntrySchema.parse({ ...entry, id: this.newId(), at: entry.at ?? this.now().toISOString() });
    await (await this.client()).createEntity({
      partitionKey: partitionFor(full.recordType, full.recordId),
      rowKey: `${new Date(full.at).toISOString()}|${encodeKey(full.id)}`,
      ...toProperties(full),
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
