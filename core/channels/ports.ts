import type { Audience, ChannelMapping } from './channel-mapping';

/** Where channel mappings live: one per audience. */
export interface ChannelMappingStore {
  get(audience: Audience): Promise<ChannelMapping | undefined>;
  /** Inserts or replaces the mapping for its audience. */
  save(mapping: ChannelMapping): Promise<void>;
  list(): Promise<ChannelMapping[]>;
}
