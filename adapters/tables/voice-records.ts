import { VoiceRecordSchema, type VoiceRecord } from '../../core/voice/voice-record';
import type { VoiceRecordStore } from '../../core/voice/ports';
import { mapLimit } from '../../core/voice/util';
import { fromEntity, getOrUndefined, toProperties, type LazyClient } from './entity';
import { encodeKey } from './keys';

/** Table name (before the environment prefix): voice records and nudge facts share one partition per meeting. */
export const VOICE_TABLE = 'Voice';
export const RECORD_ROW = 'record';

/**
 * Voice records: PartitionKey = meeting id, RowKey 'record'. One per meeting; a later save replaces
 * it (the audit trail keeps what changed).
 */
export class TableVoiceRecordStore implements VoiceRecordStore {
  constructor(private readonly client: LazyClient) {}

  async get(meetingId: string): Promise<VoiceRecord | undefined> {
    const e = await getOrUndefined(await this.client(), encodeKey(meetingId), RECORD_ROW);
    return e ? fromEntity(VoiceRecordSchema, e, ['methods', 'sharedWith']) : undefined;
  }

  async getMany(meetingIds: readonly string[]): Promise<Map<string, VoiceRecord>> {
    const found = await mapLimit([...new Set(meetingIds)], 32, (id) => this.get(id));
    return new Map(found.filter((r): r is VoiceRecord => Boolean(r)).map((r) => [r.meetingId, r]));
  }

  async save(record: VoiceRecord): Promise<void> {
    const valid = VoiceRecordSchema.parse(record);
    await (await this.client()).upsertEntity({ partitionKey: encodeKey(valid.meetingId), rowKey: RECORD_ROW, ...toProperties(valid) }, 'Replace');
  }
}
