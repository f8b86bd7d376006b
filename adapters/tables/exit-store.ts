import type { IsoDate } from '../../core/calendar';
import { exitKeyOf, ExitRecordSchema, type ExitKey, type ExitRecord, type ExitStore } from '../../core/exits';
import { mapLimit } from '../../core/util';
import { fromEntity, getOrUndefined, listPartitionRange, toProperties, type LazyClient } from './entity';
import { encodeKey, odataString } from './keys';

/** Exit conversations sit in the Voice table, one partition per London month the episode ended (`exit|YYYY-MM`). */
export const EXIT_PREFIX = 'exit|';
const partitionOf = (k: ExitKey): string => `${EXIT_PREFIX}${k.endedOn.slice(0, 7)}`;
const rowOf = (k: ExitKey): string => `${encodeKey(k.childRef)}|${k.kind}|${k.endedOn}`;

/** Exit conversations on Table Storage: asked (by the import) then answered (by the worker), one row each. */
export class TableExitStore implements ExitStore {
  constructor(private readonly client: LazyClient) {}

  async get(key: ExitKey): Promise<ExitRecord | undefined> {
    const e = await getOrUndefined(await this.client(), partitionOf(key), rowOf(key));
    return e ? fromEntity(ExitRecordSchema, e, ['itemIds']) : undefined;
  }

  async getMany(keys: readonly ExitKey[]): Promise<Map<string, ExitRecord>> {
    const found = await mapLimit(keys, 16, (k) => this.get(k));
    return new Map(found.filter((r): r is ExitRecord => !!r).map((r) => [exitKeyOf(r), r]));
  }

  async save(record: ExitRecord): Promise<void> {
    const valid = ExitRecordSchema.parse(record);
    await (await this.client()).upsertEntity({ partitionKey: partitionOf(valid), rowKey: rowOf(valid), ...toProperties(valid) }, 'Replace');
  }

  async endedBetween(from: IsoDate, to: IsoDate): Promise<ExitRecord[]> {
    const rows = await listPartitionRange(await this.client(), `${EXIT_PREFIX}${from.slice(0, 7)}`, `${EXIT_PREFIX}${to.slice(0, 7)}`);
    return rows.map((e) => fromEntity(ExitRecordSchema, e, ['itemIds'])).filter((r) => r.endedOn >= from && r.endedOn <= to);
  }

  async forChild(childRef: string): Promise<ExitRecord[]> {
    // '}' sorts just after '|': every exit partition, filtered by the child (a few a year per council month).
    const filter = `PartitionKey ge ${odataString(EXIT_PREFIX)} and PartitionKey lt ${odataString('exit}')} and childRef eq ${odataString(childRef)}`;
    const out: ExitRecord[] = [];
    for await (const e of (await this.client()).listEntities<Record<string, unknown>>({ queryOptions: { filter } })) out.push(fromEntity(ExitRecordSchema, e, ['itemIds']));
    return out;
  }
}
