import { VoiceRecordSchema, type VoiceRecord, AfterMeetingRecordSchema, type AfterMeetingRecord, ChairRecordSchema, type ChairRecord } from '../../core/voice';
import { z } from 'zod';
import type { IsoDate } from '../../core/calendar';
import type { AfterMeetingStore, ChairRecordStore, MeetingVoiceReader, MeetingVoiceState, NudgeFact, PlannedTelling, VoiceRecordStore } from '../../core/voice';
import { mapLimit } from '../../core/util';
import { deleteIfExists, fromEntity, getOrUndefined, listPartitionRange, toProperties, type LazyClient } from './entity';
import { encodeKey, odataString } from './keys';
import { FACT_PREFIX, NudgeFactSchema } from './nudge-state';

/** Table name (before the environment prefix): voice records and nudge facts share one partition per meeting. */
/**
 * The row keys repeat the meeting id after the partition's. Azure does not need that, but Azurite (where
 * the tests and the bench run) resolves a point read by RowKey first and only then by PartitionKey, so a
 * RowKey shared by every meeting ('record') made each read walk every record on file: the weekly digest's
 * reads slowed with the years of history, not with the weeks it reports.
 */
export const recordRow = (meetingId: string): string => `record|${encodeKey(meetingId)}`;
export const afterRow = (meetingId: string): string => `after|${encodeKey(meetingId)}`;
export const chairRow = (meetingId: string): string => `chair|${encodeKey(meetingId)}`;

/**
 * Voice records: PartitionKey = meeting id, RowKey `record|<meeting id>`. One per meeting; a later save
 * replaces it (the audit trail keeps what changed).
 */
export class TableVoiceRecordStore implements VoiceRecordStore {
  constructor(private readonly client: LazyClient) {}

  async get(meetingId: string): Promise<VoiceRecord | undefined> {
    const e = await getOrUndefined(await this.client(), encodeKey(meetingId), recordRow(meetingId));
    return e ? fromEntity(VoiceRecordSchema, e, ['methods', 'sharedWith']) : undefined;
  }

  async getMany(meetingIds: readonly string[]): Promise<Map<string, VoiceRecord>> {
    const found = await mapLimit([...new Set(meetingIds)], 32, (id) => this.get(id));
    return new Map(found.filter((r): r is VoiceRecord => Boolean(r)).map((r) => [r.meetingId, r]));
  }

  async save(record: VoiceRecord): Promise<void> {
    const valid = VoiceRecordSchema.parse(record);
    await (await this.client()).upsertEntity({ partitionKey: encodeKey(valid.meetingId), rowKey: recordRow(valid.meetingId), ...toProperties(valid) }, 'Replace');
  }
}

/**
 * The morning scan's read: each meeting's voice record and nudge facts in one query of its partition
 * (RowKeys `nudge|...` to `record|<id>`, which skips the after-meeting answer), 32 meetings at a time.
 * Meeting ids are not in any order the key design could range over, so this is one request per meeting
 * rather than the two (a point read and a facts query) of VoiceRecordStore.getMany and listForMeetings.
 */
export class TableMeetingVoiceReader implements MeetingVoiceReader {
  constructor(private readonly client: LazyClient) {}

  async readForMeetings(meetingIds: readonly string[]): Promise<MeetingVoiceState> {
    const client = await this.client();
    const records = new Map<string, VoiceRecord>();
    const facts = new Map<string, NudgeFact[]>();
    await mapLimit([...new Set(meetingIds)], 32, async (id) => {
      const filter = `PartitionKey eq ${odataString(encodeKey(id))} and RowKey ge ${odataString(FACT_PREFIX)} and RowKey le ${odataString(recordRow(id))}`;
      const mine: NudgeFact[] = [];
      for await (const e of client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
        const row = String(e.rowKey);
        if (row === recordRow(id)) records.set(id, fromEntity(VoiceRecordSchema, e, ['methods', 'sharedWith']));
        else if (row.startsWith(FACT_PREFIX)) mine.push(fromEntity(NudgeFactSchema, e));
      }
      if (mine.length > 0) facts.set(id, mine);
    });
    return { records, facts };
  }
}

/** "We'll tell them on <date>" answers, filed by that date for the follow-up: PartitionKey `planned|<date>`. */
export const PLANNED_PREFIX = 'planned|';
const PlannedTellingSchema = z.object({ meetingId: z.string(), plannedFor: z.string() });

/**
 * After-meeting answers, beside the voice record: PartitionKey = meeting id, RowKey `after|<meeting id>`.
 * A "planned for <date>" answer is also filed under PartitionKey `planned|<date>`, RowKey = meeting id, until
 * the morning scan has followed it up.
 */
export class TableAfterMeetingStore implements AfterMeetingStore {
  constructor(private readonly client: LazyClient) {}

  async get(meetingId: string): Promise<AfterMeetingRecord | undefined> {
    const e = await getOrUndefined(await this.client(), encodeKey(meetingId), afterRow(meetingId));
    return e ? fromEntity(AfterMeetingRecordSchema, e) : undefined;
  }

  async getMany(meetingIds: readonly string[]): Promise<Map<string, AfterMeetingRecord>> {
    const found = await mapLimit([...new Set(meetingIds)], 32, (id) => this.get(id));
    return new Map(found.filter((r): r is AfterMeetingRecord => Boolean(r)).map((r) => [r.meetingId, r]));
  }

  async save(record: AfterMeetingRecord): Promise<void> {
    const valid = AfterMeetingRecordSchema.parse(record);
    const client = await this.client();
    // The date's copy first: a save that stops between the two can leave a copy the scan clears, never a
    // planned answer that is not followed up.
    if (valid.told === 'planned' && valid.plannedFor) {
      const p: PlannedTelling = { meetingId: valid.meetingId, plannedFor: valid.plannedFor };
      await client.upsertEntity({ partitionKey: `${PLANNED_PREFIX}${p.plannedFor}`, rowKey: encodeKey(p.meetingId), ...toProperties(p) }, 'Replace');
    }
    await client.upsertEntity({ partitionKey: encodeKey(valid.meetingId), rowKey: afterRow(valid.meetingId), ...toProperties(valid) }, 'Replace');
  }

  async listPlannedUpTo(date: IsoDate): Promise<PlannedTelling[]> {
    const rows = await listPartitionRange(await this.client(), PLANNED_PREFIX, `${PLANNED_PREFIX}${date}`);
    return rows.map((e) => fromEntity(PlannedTellingSchema, e));
  }

  async clearPlanned(p: PlannedTelling): Promise<void> {
    await deleteIfExists(await this.client(), `${PLANNED_PREFIX}${p.plannedFor}`, encodeKey(p.meetingId));
  }
}

/** The chair's after-meeting record, beside the meeting's voice record in its partition (`chair|<meeting id>`). */
export class TableChairRecordStore implements ChairRecordStore {
  constructor(private readonly client: LazyClient) {}

  async get(meetingId: string): Promise<ChairRecord | undefined> {
    const e = await getOrUndefined(await this.client(), encodeKey(meetingId), chairRow(meetingId));
    return e ? fromEntity(ChairRecordSchema, e) : undefined;
  }

  async getMany(meetingIds: readonly string[]): Promise<Map<string, ChairRecord>> {
    const found = await mapLimit([...new Set(meetingIds)], 32, (id) => this.get(id));
    return new Map(found.filter((r): r is ChairRecord => Boolean(r)).map((r) => [r.meetingId, r]));
  }

  async save(record: ChairRecord): Promise<void> {
    const valid = ChairRecordSchema.parse(record);
    await (await this.client()).upsertEntity({ partitionKey: encodeKey(valid.meetingId), rowKey: chairRow(valid.meetingId), ...toProperties(valid) }, 'Replace');
  }
}
