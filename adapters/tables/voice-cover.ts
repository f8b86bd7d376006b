import { CoverSchema, type Cover, type CoverStore } from '../../core/voice';
import type { IsoDate } from '../../core/calendar';
import { deleteIfExists, fromEntity, listPartition, toProperties, type LazyClient } from './entity';
import { encodeKey, odataString } from './keys';

const partitionOf = (workerId: string): string => `cover|${encodeKey(workerId)}`;
const rowOf = (c: Pick<Cover, 'from' | 'to' | 'coverId'>): string => `${c.from}|${c.to}|${encodeKey(c.coverId)}`;

/** Cover during leave, in the Voice table: PartitionKey `cover|<worker>`, RowKey `<from>|<to>|<cover>`. */
export class TableCoverStore implements CoverStore {
  constructor(private readonly client: LazyClient) {}

  async listFor(workerId: string): Promise<Cover[]> {
    return (await listPartition(await this.client(), partitionOf(workerId))).map((e) => fromEntity(CoverSchema, e));
  }

  /** One query over every worker's cover partition, returning only covers that have not ended by `date`. */
  async listInForceOn(date: IsoDate): Promise<Cover[]> {
    const filter = `PartitionKey ge 'cover|' and PartitionKey lt 'cover}' and to ge ${odataString(date)} and from le ${odataString(date)}`;
    const out: Cover[] = [];
    for await (const e of (await this.client()).listEntities<Record<string, unknown>>({ queryOptions: { filter } })) out.push(fromEntity(CoverSchema, e));
    return out;
  }

  async save(cover: Cover): Promise<void> {
    const valid = CoverSchema.parse(cover);
    await (await this.client()).upsertEntity({ partitionKey: partitionOf(valid.workerId), rowKey: rowOf(valid), ...toProperties(valid) }, 'Replace');
  }

  async remove(cover: Pick<Cover, 'workerId' | 'from' | 'to' | 'coverId'>): Promise<void> {
    await deleteIfExists(await this.client(), partitionOf(cover.workerId), rowOf(cover));
  }
}
