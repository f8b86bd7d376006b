import { VoiceRecordSchema, type VoiceRecord, AfterMeetingRecordSchema, type AfterMeetingRecord, ChairRecordSchema, type ChairRecord } from '../../core/voice';
import { z } from 'zod';
import type { IsoDate } from '../../core/calendar';
import type { TableClient, TableEntity } from '@azure/data-tables';
import type { AfterMeetingStore, ChairRecordStore, MeetingStateKey, MeetingVoiceReader, MeetingVoiceState, NudgeFact, PlannedTelling, VoiceRecordStore } from '../../core/voice';
import { mapLimit } from '../../core/util';
import { deleteIfExists, fromEntity, getOrUndefined, listPartitionRange, toProperties, upsertInBatches, type LazyClient } from './entity';
import { encodeKey, odataString } from './keys';
import { FACT_PREFIX, NudgeFactSchema } from './nudge-state';
import { COPIES_MARKER, FACT_COPY_INFIX, FACT_HOME_PREFIX, FACTS_HOME_MARKER, GATHERED_PREFIX, RECORD_COPY_SUFFIX, VOICE_BY_PREFIX, factCopy, factHome, recordCopies } from './voice-state-keys';

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

/** A voice record's rows: the record in its meeting's partition, and the scan's date-filed copies. */
const voiceRows = (r: VoiceRecord) => [{ partitionKey: encodeKey(r.meetingId), rowKey: recordRow(r.meetingId), ...toProperties(r) }, ...recordCopies(r)];

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
    const client = await this.client();
    // The morning scan's copies (by voice-by date and by gathered date) beside the record: other
    // partitions, so sent side by side, and a save still waits for one round trip.
    const rows = voiceRows(valid);
    await Promise.all(rows.map((row) => client.upsertEntity(row, 'Replace')));
  }

  /**
   * Many records at once (a bulk load of history): the same rows as `save`, the date-filed copies 100 to a
   * transaction per date; each record is alone in its meeting's partition, so it is one write.
   */
  async saveMany(records: readonly VoiceRecord[], parallel = 8): Promise<void> {
    await upsertInBatches(await this.client(), records.flatMap((r) => voiceRows(VoiceRecordSchema.parse(r))), parallel);
  }
}

/**
 * The morning scan's read: the voice state of every meeting due in two range queries, whatever the
 * number of meetings: their facts and records filed by voice-by date (`voiceby|<first>`..`voiceby|<last>`),
 * and the records gathered since the earliest date views can still count from (`gathered|<first>` on).
 * Meeting ids follow no order a query could range over; these copies do (adapters/tables/voice-state-keys.ts).
 * Rows from before the copies existed are copied once, by the first read that finds no marker.
 */
export class TableMeetingVoiceReader implements MeetingVoiceReader {
  private copied = false;

  constructor(private readonly client: LazyClient) {}

  async readForMeetings(meetings: readonly MeetingStateKey[]): Promise<MeetingVoiceState> {
    const records = new Map<string, VoiceRecord>();
    const facts = new Map<string, NudgeFact[]>();
    if (meetings.length === 0) return { records, facts };
    const client = await this.client();
    await this.copyOlderRows(client);
    const wanted = new Map(meetings.map((m) => [encodeKey(m.id), m]));
    const voiceBys = meetings.map((m) => m.voiceBy).sort();
    const from = meetings.flatMap((m) => (m.freshFrom ? [m.freshFrom] : [])).sort()[0];
    const [byVoiceBy, byGathered] = await Promise.all([
      listPartitionRange(client, `${VOICE_BY_PREFIX}${voiceBys[0]!}`, `${VOICE_BY_PREFIX}${voiceBys.at(-1)!}`),
      from ? listPartitionRange(client, `${GATHERED_PREFIX}${from}`, `${GATHERED_PREFIX}9999-12-31`) : [],
    ]);
    // A record re-saved keeps copies under its earlier dates: the latest saved is the record.
    const offer = (id: string, r: VoiceRecord): void => {
      const had = records.get(id);
      if (!had || had.recordedAt < r.recordedAt) records.set(id, r);
    };
    for (const e of byVoiceBy) {
      const row = String(e.rowKey);
      const key = row.slice(0, row.indexOf('|'));
      const m = wanted.get(key);
      if (!m || e.partitionKey !== `${VOICE_BY_PREFIX}${m.voiceBy}`) continue;
      if (row === `${key}${RECORD_COPY_SUFFIX}`) offer(m.id, fromEntity(VoiceRecordSchema, e, ['methods', 'sharedWith']));
      else if (row.startsWith(`${key}${FACT_COPY_INFIX}`)) facts.set(m.id, [...(facts.get(m.id) ?? []), fromEntity(NudgeFactSchema, e)]);
    }
    for (const e of byGathered) {
      const m = wanted.get(String(e.rowKey));
      const r = m && fromEntity(VoiceRecordSchema, e, ['methods', 'sharedWith']);
      if (m?.freshFrom && r && r.gatheredOn >= m.freshFrom) offer(m.id, r);
    }
    return { records, facts };
  }

  /**
   * Once per table: copies the records and facts written before the copies existed, and the facts written
   * before their home moved to the shards (one pass over the table each).
   */
  private async copyOlderRows(client: TableClient): Promise<void> {
    if (this.copied) return;
    const [copies, home] = await Promise.all([COPIES_MARKER, FACTS_HOME_MARKER].map((m) => getOrUndefined(client, m.partitionKey, m.rowKey)));
    if (!copies) await migrateVoiceStateCopies(client);
    if (!home) await migrateNudgeFactsHome(client);
    this.copied = true;
  }
}

/**
 * Copies every voice record and nudge fact in the meetings' own partitions to the scan's date-filed copies,
 * then writes the marker. Idempotent (upserts of the same rows); run by the first morning scan after the
 * upgrade, so the copies are complete before the scan relies on them.
 */
export async function migrateVoiceStateCopies(client: TableClient): Promise<void> {
  const filter = `(RowKey ge ${odataString(FACT_PREFIX)} and RowKey lt 'nudge}') or (RowKey ge 'record|' and RowKey lt 'record}')`;
  const copies: TableEntity<object>[] = [];
  for await (const e of client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
    if (String(e.partitionKey).includes('|')) continue; // only the meetings' own partitions hold the originals
    const row = String(e.rowKey);
    if (row.startsWith(FACT_PREFIX)) copies.push(factCopy(fromEntity(NudgeFactSchema, e)));
    else copies.push(...recordCopies(fromEntity(VoiceRecordSchema, e, ['methods', 'sharedWith'])));
  }
  await upsertInBatches(client, copies);
  await client.upsertEntity({ ...COPIES_MARKER, copiedAt: new Date().toISOString(), rows: copies.length }, 'Replace');
}

/**
 * Copies every nudge fact still in its meeting's own partition (written before 5 December 2026) to its home in
 * the shards (`facts|<shard>`), unless the shard already holds that fact (written since, so newer), then
 * writes the marker; readers by meeting id read the meetings' own partitions too until they see it.
 * Idempotent; the rows in the meetings' partitions stay, and go with their meeting in the purge.
 */
export async function migrateNudgeFactsHome(client: TableClient): Promise<void> {
  const present = new Set<string>();
  const homes = `PartitionKey ge ${odataString(FACT_HOME_PREFIX)} and PartitionKey lt ${odataString(`${FACT_HOME_PREFIX.slice(0, -1)}}`)}`;
  for await (const e of client.listEntities({ queryOptions: { filter: homes, select: ['PartitionKey', 'RowKey'] } })) present.add(`${e.partitionKey}\u0000${e.rowKey}`);
  const copies: TableEntity<object>[] = [];
  const filter = `RowKey ge ${odataString(FACT_PREFIX)} and RowKey lt 'nudge}'`;
  for await (const e of client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
    if (String(e.partitionKey).includes('|')) continue; // only the meetings' own partitions
    const row = factHome(fromEntity(NudgeFactSchema, e));
    if (!present.has(`${row.partitionKey}\u0000${row.rowKey}`)) copies.push(row);
  }
  await upsertInBatches(client, copies, 8);
  await client.upsertEntity({ ...FACTS_HOME_MARKER, copiedAt: new Date().toISOString(), rows: copies.length }, 'Replace');
}

/**
 * The layout markers a table gets once its older rows have been copied, for rows written by today's code from
 * the start (the bench's seeded history): its first morning then has nothing to copy and skips the passes.
 */
export async function markVoiceLayoutCurrent(client: TableClient): Promise<void> {
  const at = new Date().toISOString();
  await Promise.all([COPIES_MARKER, FACTS_HOME_MARKER].map((m) => client.upsertEntity({ ...m, copiedAt: at, rows: 0 }, 'Replace')));
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
