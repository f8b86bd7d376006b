import type { IsoDate } from '../../core/calendar';
import { DomainError } from '../../core/errors';
import { ExampleSchema, type Example, type ExampleStore } from '../../core/examples';
import type { Versioned } from '../../core/ports';
import { inRange, monthsCovering } from '../../core/tracker';
import type { LazyClient } from './entity';
import { IndexedTable } from './indexed-table';
import { encodeKey } from './keys';

/**
 * Participation examples. `example` / id: the record; `recorded|YYYY-MM` / id: copies by the month
 * recorded (London), so a digest for a period reads only that period's months; `withdrawn|YYYY-MM-DD` /
 * id: a copy of a withdrawn example by the London day it was withdrawn, for the purge.
 */
export class TableExampleStore implements ExampleStore {
  private readonly table: IndexedTable<Example>;

  constructor(client: LazyClient) {
    this.table = new IndexedTable<Example>({
      client,
      schema: ExampleSchema,
      recordPartition: 'example',
      idOf: (e) => e.id,
      jsonFields: ['promiseIds', 'lundy', 'groups'],
      copiesOf: (e) => [
        { partitionKey: `recorded|${e.recordedOn.slice(0, 7)}`, rowKey: encodeKey(e.id) },
        // So the purge finds withdrawn examples by the day they were withdrawn, reading only old days.
        ...(e.status === 'withdrawn' && e.withdrawnOn ? [{ partitionKey: `withdrawn|${e.withdrawnOn}`, rowKey: encodeKey(e.id) }] : []),
      ],
    });
  }

  get = (id: string): Promise<Versioned<Example> | undefined> => this.table.get(id);

  async create(example: Example): Promise<void> {
    if (await this.table.get(example.id)) throw new DomainError('CONFLICT', `Example ${example.id} already exists`);
    await this.table.upsertMany([example]);
  }

  update = (example: Example, etag: string): Promise<string> => this.table.update(example, etag, 'This example');

  async listRecordedBetween(from: IsoDate, to: IsoDate): Promise<Example[]> {
    const parts = await Promise.all(monthsCovering(from, to).map((m) => this.table.listPartition(`recorded|${m}`)));
    return parts.flat().filter((e) => inRange(e.recordedOn, from, to));
  }
}
