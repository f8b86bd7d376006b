import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { tableClient, type TablesConfig } from '../tables/client';
import { statusCodeOf } from '../tables/outbox-store';
import type { LeaseEntry, LeaseLedger, LedgerState } from './app-budget';
import { TABLES } from '../tables/names';

const PARTITION = 'budget';
const StateSchema = z.object({
  hosts: z.record(
    z.string(),
    // `left` and `more`: what of a share given up is still in use (an older row without them counts it whole).
    z.object({ share: z.number(), until: z.number(), was: z.number().optional(), wasUntil: z.number().optional(), left: z.array(z.number()).optional(), more: z.number().optional() }),
  ),
  holdUntil: z.number().optional(),
});

/**
 * The sending budget's leases in Table Storage, shared by every instance: one row, rewritten under its ETag
 * (optimistic concurrency), so two instances can never both take the same part of the budget. A 412 means
 * another instance wrote first: read again and decide again.
 */
export class TableLeaseLedger implements LeaseLedger {
  constructor(
    private readonly config: TablesConfig,
    private readonly name = 'connector',
  ) {}

  private table(): Promise<TableClient> {
    return tableClient(this.config, TABLES.outboxBudget);
  }

  private async read(table: TableClient): Promise<{ state: LedgerState; etag?: string }> {
    try {
      const row = await table.getEntity<{ state: string }>(PARTITION, this.name);
      const parsed = StateSchema.safeParse(JSON.parse(row.state));
      // An unreadable row is replaced: leases last seconds, and the grace keeps the window safe meanwhile.
      return { state: parsed.success ? (parsed.data as LedgerState) : { hosts: {}, holdUntil: Date.now() + 1_100 }, etag: row.etag };
    } catch (err) {
      if (statusCodeOf(err) !== 404) throw err;
      return { state: { hosts: {} } };
    }
  }

  async update(change: (state: LedgerState) => { state: LedgerState; lease?: LeaseEntry }): Promise<LeaseEntry | undefined> {
    const table = await this.table();
    for (let attempt = 0; attempt < 20; attempt++) {
      const current = await this.read(table);
      const next = change(current.state);
      const entity = { partitionKey: PARTITION, rowKey: this.name, state: JSON.stringify(next.state) };
      try {
        if (current.etag) await table.updateEntity(entity, 'Replace', { etag: current.etag });
        else await table.createEntity(entity);
        return next.lease;
      } catch (err) {
        const status = statusCodeOf(err);
        if (status !== 412 && status !== 409) throw err;
        await new Promise((r) => setTimeout(r, Math.random() * 20));
      }
    }
    throw new Error('the sending budget stayed contended over 20 tries');
  }
}
