import { VoiceRecordSchema, type VoiceRecord } from '../../core/voice/voice-record';
import type { AfterMeetingStore, VoiceRecordStore } from '../../core/voice/ports';
import { AfterMeetingRecordSchema, type AfterMeetingRecord } from '../../core/voice/after-meeting-record';
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

export const AFTER_ROW = 'after';

/** After-meeting answers, beside the voice record: PartitionKey = meeting id, RowKey 'after'. */
export class TableAfterMeetingStore implements AfterMeetingStore {
  constructor(private readonly client: LazyClient) {}

  async get(meetingId: string): Promise<AfterMeetingRecord | undefined> {
    const e = await getOrUndefined(await this.client(), encodeKey(meetingId), AFTER_ROW);
    return e ? fromEntity(AfterMeetingRecordSchema, e) : undefined;
  }

  async getMany(meetingIds: readonly string[]): Promise<Map<string, AfterMeetingRecord>> {
    const found = await mapLimit([...new Set(meetingIds)], 32, (id) => this.get(id));
    return new Map(found.filter((r): r is AfterMeetingRecord => Boolean(r)).map((r) => [r.meetingId, r]));
  }

  async save(record: AfterMeetingRecord): Promise<void> {
    const valid = AfterMeetingRecordSchema.parse(record);
    await (await this.client()).upsertEntity({ partitionKey: encodeKey(valid.meetingId), rowKey: AFTER_ROW, ...toProperties(valid) }, 'Replace');
  }
}
