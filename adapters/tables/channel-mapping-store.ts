import { ChannelMappingSchema, type Audience, type ChannelMapping } from '../../core/channels';
import type { ChannelMappingStore } from '../../core/channels';
import { fromEntity, getOrUndefined, listPartition, toProperties, type LazyClient } from './entity';
import { encodeKey } from './keys';

/** Channel mappings table: partition `audience`, one row per audience (a handful in all). */
export class TableChannelMappingStore implements ChannelMappingStore {
  constructor(private readonly client: LazyClient) {}

  async get(audience: Audience): Promise<ChannelMapping | undefined> {
    const e = await getOrUndefined(await this.client(), 'audience', encodeKey(audience));
    return e ? fromEntity(ChannelMappingSchema, e) : undefined;
  }

  async save(mapping: ChannelMapping): Promise<void> {
    const value = ChannelMappingSchema.parse(mapping);
    await (await this.client()).upsertEntity({ partitionKey: 'audience', rowKey: encodeKey(value.audience), ...toProperties(value) }, 'Replace');
  }

  async list(): Promise<ChannelMapping[]> {
    return (await listPartition(await this.client(), 'audience')).map((e) => fromEntity(ChannelMappingSchema, e));
  }
}
