import type { TableClient } from '@azure/data-tables';
import { tableClient, type TablesConfig } from '../tables/client';
import { statusCodeOf } from '../tables/outbox-store';
import type { SlotLedger } from './app-budget';

interface LedgerRow {
  /** The theoretical arrival time: the first slot not yet handed out (ms since the epoch, as text). */
  tat: string;
}

const PARTITION = 'budget';

/**
 * The per-app budget's ledger in Table Storage, shared by every instance: one row, moved forward under
 * its ETag (optimistic concurrency), so two hosts can never book the same slot. The last ETag is kept, so
 * an uncontended booking is one write; a 412 means another host booked first: read again and retry.
 */
export class TableSlotLedger implements SlotLedger {
  private last: { tat: number; etag: string } | undefined;

  constructor(
    private readonly config: TablesConfig,
    private readonly name = 'connector',
  ) {}

  private table(): Promise<TableClient> {
    return tableClient(this.config, 'OutboxBudget');
  }

  private async read(table: TableClient): Promise<{ tat: number; etag: string }> {
    try {
      const row = await table.getEntity<LedgerRow>(PARTITION, this.name);
      return { tat: Number(row.tat), etag: row.etag };
    } catch (err) {
      if (statusCodeOf(err) !== 404) throw err;
      try {
        const made = await table.createEntity<LedgerRow>({ partitionKey: PARTITION, rowKey: this.name, tat: '0' });
        return { tat: 0, etag: made.etag! };
      } catch (createErr) {
        if (statusCodeOf(createErr) !== 409) throw createErr;
        return this.read(table);
      }
    }
  }

  private async write(table: TableClient, from: { etag: string }, tat: number): Promise<boolean> {
    try {
      const done = await table.updateEntity<LedgerRow>({ partitionKey: PARTITION, rowKey: this.name, tat: String(tat) }, 'Replace', { etag: from.etag });
      this.last = { tat, etag: done.etag! };
      return true;
    } catch (err) {
      this.last = undefined;
      if (statusCodeOf(err) === 412) return false;
      throw err;
    }
  }

  async reserve(request: Parameters<SlotLedger['reserve']>[0]): Promise<{ start: number; count: number } | { retryAt: number }> {
    const table = await this.table();
    for (let attempt = 0; attempt < 50; attempt++) {
      const current = this.last ?? (await this.read(table));
      const earliest = request.earliest();
      const start = Math.max(current.tat, earliest);
      if (start - earliest > request.maxAheadMs) {
        this.last = undefined; // others are booking: read afresh next time
        return { retryAt: start - request.maxAheadMs };
      }
      if (await this.write(table, current, start + request.count * request.intervalMs)) return { start, count: request.count };
    }
    throw new Error('the sending budget is contended beyond 50 tries');
  }

  async holdUntil(until: number): Promise<void> {
    const table = await this.table();
    for (let attempt = 0; attempt < 50; attempt++) {
      const current = this.last ?? (await this.read(table));
      if (current.tat >= until || (await this.write(table, current, until))) return;
    }
  }
}
