import { AuditEntrySchema, type AuditEntry } from '../../core/model/audit';
import type { AuditReader } from '../../core/audit';
import { fromEntity, type LazyClient } from './entity';
import { odataString } from './keys';

/**
 * Reads the append-only Audit table by time for the export. The table is partitioned by record, so a
 * period is one filtered query over the RowKey (which starts with the ISO instant): the service scans,
 * the app receives only the period's rows. Fine for an administrator's occasional export; never on a hot path.
 */
export class TableAuditReader implements AuditReader {
  constructor(private readonly client: LazyClient) {}

  async listBetween(from: Date, to: Date): Promise<AuditEntry[]> {
    const filter = `RowKey ge ${odataString(from.toISOString())} and RowKey lt ${odataString(to.toISOString())}`;
    const out: AuditEntry[] = [];
    for await (const e of (await this.client()).listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      out.push(fromEntity(AuditEntrySchema, e, ['detail']));
    }
    return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  }
}
