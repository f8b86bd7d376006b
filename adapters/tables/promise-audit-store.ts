import type { TableClient } from '@azure/data-tables';
import { londonDate } from '../../core/calendar';
import { shiftDate } from '../../core/digests';
import type { PromiseAudit, PromiseAuditStore } from '../../core/digests';
import type { LazyClient } from './entity';
import { encodeKey } from './keys';

/** CICC audits on Table Storage: partitioned by the month they were given, so a period reads only its months. */
export class TablePromiseAuditStore implements PromiseAuditStore {
  constructor(private readonly client: LazyClient) {}
  async save(a: PromiseAudit): Promise<void> {
    const c: TableClient = await this.client();
    // The London month, as `between` reads them: an audit late on a summer month's last evening is already
    // the next month in UTC terms only after midnight London time, never before.
    // Each answer is its own row (who and when in the key): a second answer adds, never overwrites.
    await c.upsertEntity({ partitionKey: londonDate(new Date(a.at)).slice(0, 7), rowKey: encodeKey(`${a.occurrenceId}|${a.promiseId}|${a.at}|${a.byId}`), ...a }, 'Replace');
  }
  async between(from: Date, to: Date): Promise<PromiseAudit[]> {
    const c: TableClient = await this.client();
    const out: PromiseAudit[] = [];
    for (let m = londonDate(from).slice(0, 7); m <= londonDate(to).slice(0, 7); m = shiftDate(`${m}-01`, 32).slice(0, 7)) {
      for await (const e of c.listEntities<PromiseAudit>({ queryOptions: { filter: `PartitionKey eq '${m}'` } })) {
        if (Date.parse(e.at) >= from.getTime() && Date.parse(e.at) < to.getTime())
          out.push({ occurrenceId: e.occurrenceId, promiseId: e.promiseId, verdict: e.verdict, comment: e.comment, at: e.at, byId: e.byId });
      }
    }
    return out;
  }
}
