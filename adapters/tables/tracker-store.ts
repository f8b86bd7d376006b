import type { IsoDate } from '../../core/calendar';
import { DomainError } from '../../core/errors';
import type { Versioned } from '../../core/ports';
import { inRange, isActive, monthsCovering, TrackerItemSchema, type TrackerItem, type TrackerStore } from '../../core/tracker';
import type { LazyClient } from './entity';
import { IndexedTable } from './indexed-table';
import { encodeKey } from './keys';

/**
 * "You said" items. `item` / id: the record (its ETag guards updates). Copies, so each query reads
 * only what it needs: `raised|YYYY-MM`, `due|YYYY-MM` and `closed|YYYY-MM` (a period query reads the
 * months it covers), and while an item is active `active` and `owner|<id>` ("my actions"). Once withdrawn,
 * `withdrawn|YYYY-MM-DD` (the London day), for the purge.
 */
export class TableTrackerStore implements TrackerStore {
  private readonly table: IndexedTable<TrackerItem>;

  constructor(client: LazyClient) {
    this.table = new IndexedTable<TrackerItem>({
      client,
      schema: TrackerItemSchema,
      recordPartition: 'item',
      idOf: (i) => i.id,
      jsonFields: ['source', 'outcome', 'feedback'],
      copiesOf: (i) => {
        const row = encodeKey(i.id);
        const keys = [
          { partitionKey: `raised|${i.raisedOn.slice(0, 7)}`, rowKey: row },
          { partitionKey: `due|${i.dueDate.slice(0, 7)}`, rowKey: row },
        ];
        if (i.closedOn) keys.push({ partitionKey: `closed|${i.closedOn.slice(0, 7)}`, rowKey: row });
        // So the purge finds withdrawn items by the day they were withdrawn, reading only old days.
        if (i.status === 'withdrawn' && i.withdrawnOn) keys.push({ partitionKey: `withdrawn|${i.withdrawnOn}`, rowKey: row });
        if (isActive(i)) keys.push({ partitionKey: 'active', rowKey: row }, { partitionKey: `owner|${encodeKey(i.ownerId)}`, rowKey: row });
        return keys;
      },
    });
  }

  get = (id: string): Promise<Versioned<TrackerItem> | undefined> => this.table.get(id);

  async create(item: TrackerItem): Promise<void> {
    if (await this.table.get(item.id)) throw new DomainError('CONFLICT', `Item ${item.id} already exists`);
    await this.table.upsertMany([item]);
  }

  update = (item: TrackerItem, etag: string): Promise<string> => this.table.update(item, etag, 'This action');

  private async months(prefix: string, field: 'raisedOn' | 'dueDate' | 'closedOn', from: IsoDate, to: IsoDate) {
    const parts = await Promise.all(monthsCovering(from, to).map((m) => this.table.listPartition(`${prefix}|${m}`)));
    return parts.flat().filter((i) => inRange(i[field], from, to));
  }

  listRaisedBetween = (from: IsoDate, to: IsoDate) => this.months('raised', 'raisedOn', from, to);
  listDueBetween = (from: IsoDate, to: IsoDate) => this.months('due', 'dueDate', from, to);
  listClosedBetween = (from: IsoDate, to: IsoDate) => this.months('closed', 'closedOn', from, to);
  listActiveByOwner = (ownerId: string) => this.table.listPartition(`owner|${encodeKey(ownerId)}`);
  listActive = () => this.table.listPartition('active');
}
