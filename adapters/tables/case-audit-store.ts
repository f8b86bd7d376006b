import { CaseAuditSchema, type CaseAudit, type CaseAuditStore } from '../../core/audits';
import type { Versioned } from '../../core/ports';
import { conflictOn412, fromEntity, getOrUndefined, listPartition, statusOf, toProperties, type LazyClient } from './entity';
import { encodeKey, odataString } from './keys';

type Key = Pick<CaseAudit, 'month' | 'teamId' | 'childRef'>;
const keysOf = (a: Key) => ({ partitionKey: a.month, rowKey: encodeKey(`${a.teamId}|${a.childRef}`) });

/** Case-file audits, one partition per month sampled (YYYY-MM), one row per team and child: no copies. */
export class TableCaseAuditStore implements CaseAuditStore {
  constructor(private readonly client: LazyClient) {}

  async create(audit: CaseAudit): Promise<boolean> {
    try {
      await (await this.client()).createEntity({ ...keysOf(audit), ...toProperties(audit) });
      return true;
    } catch (err) {
      if (statusOf(err) === 409) return false; // already sampled: a rerun
      throw err;
    }
  }

  async get(key: Key): Promise<Versioned<CaseAudit> | undefined> {
    const k = keysOf(key);
    const e = await getOrUndefined(await this.client(), k.partitionKey, k.rowKey);
    return e ? { value: fromEntity(CaseAuditSchema, e, ['grades']), etag: e.etag } : undefined;
  }

  async update(audit: CaseAudit, etag: string): Promise<void> {
    try {
      await (await this.client()).updateEntity({ ...keysOf(audit), ...toProperties(audit) }, 'Replace', { etag });
    } catch (err) {
      conflictOn412(err, 'This audit');
    }
  }

  async listMonths(months: readonly string[]): Promise<CaseAudit[]> {
    const client = await this.client();
    const rows = await Promise.all(months.map((m) => listPartition(client, m)));
    return rows.flat().map((e) => fromEntity(CaseAuditSchema, e, ['grades']));
  }

  async listForChild(childRef: string): Promise<CaseAudit[]> {
    const out: CaseAudit[] = [];
    const rows = (await this.client()).listEntities<Record<string, unknown>>({ queryOptions: { filter: `childRef eq ${odataString(childRef)}` } });
    for await (const e of rows) out.push(fromEntity(CaseAuditSchema, e, ['grades']));
    return out;
  }
}
