import { z } from 'zod';
import type { IsoDate } from '../../core/calendar';
import { factKey, type MeetingPause, type NudgeFact, type NudgeStateStore, type SentDigest } from '../../core/voice';
import { mapLimit } from '../../core/util';
import { deleteIfExists, fromEntity, getOrUndefined, listPartition, listPartitionRange, toProperties, upsertInBatches, type LazyClient } from './entity';
import { encodeKey, odataString } from './keys';
import { FACTS_HOME_MARKER, factCopy, factCopyKey, factHome, factHomeKey, factHomeRange } from './voice-state-keys';

export const NudgeFactSchema = z.object({
  meetingId: z.string(),
  stage: z.string(),
  voiceBy: z.string(),
  kind: z.enum(['sent', 'skipped', 'escalated', 'snoozed', 'claimed-elsewhere']),
  on: z.string(),
  personId: z.string().optional(),
  namedId: z.string().optional(),
  at: z.string(),
});

const RUNS = 'scan-run';
/** Meetings an administrator paused: one small partition, listed whole by the admin card. */
export const PAUSED = 'paused';
const MeetingPauseSchema = z.object({ meetingId: z.string(), voiceBy: z.string(), stages: z.array(z.string()), byId: z.string(), at: z.string() });
const digestPartition = (date: IsoDate): string => `digest|${date}`;
const SentDigestSchema = z.object({
  date: z.string(),
  recipientId: z.string(),
  messageKey: z.string(),
  meetingIds: z.array(z.string()),
  outcome: z.enum(['delivered', 'undeliverable']).optional(),
});
const digestRow = (d: SentDigest) => ({ partitionKey: digestPartition(d.date), rowKey: encodeKey(`${d.recipientId}|${d.messageKey}`), ...toProperties(SentDigestSchema.parse(d)) });
export const FACT_PREFIX = 'nudge|';
const factRow = (f: Pick<NudgeFact, 'stage' | 'voiceBy'>): string => `${FACT_PREFIX}${encodeKey(factKey(f))}`;
/** A copy of each escalation, filed by the London day it happened, for the digests (see escalationsBetween). */
export const ESCALATED_PREFIX = 'escalated|';
const escalationCopy = (f: NudgeFact) => ({ partitionKey: `${ESCALATED_PREFIX}${f.on}`, rowKey: encodeKey(`${f.meetingId}|${factKey(f)}`), ...toProperties(f) });

/**
 * Nudge facts in the Voice table, filed in 8 shards: PartitionKey `facts|<shard of the meeting>`, RowKey
 * `<meeting id>|nudge|<stage>|<voiceBy>` (adapters/tables/voice-state-keys.ts), so a morning's facts go 100 to
 * a transaction and a meeting's are one range of one shard. Facts written before 5 December 2026 sit in the
 * meeting's own partition (RowKey `nudge|<stage>|<voiceBy>`) and are read there too until the first morning
 * scan has copied them (marker `layout`/`nudge-facts-home`). Writes are upserts, so a rerun writing the same
 * fact is harmless.
 * Each escalation is also copied to PartitionKey `escalated|<London date>`, RowKey `<meeting id>|<stage>|<voiceBy>`,
 * so a digest reads the escalations of its weeks in one range query rather than every meeting's facts.
 * Every fact is also copied to `voiceby|<voiceBy>` (adapters/tables/voice-state-keys.ts) for the morning scan.
 * The morning run's "done" marker: PartitionKey 'scan-run', RowKey = London date. Each nudge card sent:
 * PartitionKey `digest|<date>`, RowKey `<recipient>|<dedupe key>`, with its delivery outcome once known.
 */
export class TableNudgeStateStore implements NudgeStateStore {
  constructor(private readonly client: LazyClient) {}

  /** Set once the marker says the facts from before the shards were copied into them. */
  private moved = false;

  async listForMeetings(meetingIds: readonly string[]): Promise<Map<string, NudgeFact[]>> {
    const client = await this.client();
    const ids = [...new Set(meetingIds)];
    // Until the marker is seen, the meetings' own partitions are read too, side by side (no extra round trip).
    const legacy = !this.moved;
    const query = async (filter: string): Promise<NudgeFact[]> => {
      const facts: NudgeFact[] = [];
      for await (const e of client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) facts.push(fromEntity(NudgeFactSchema, e));
      return facts;
    };
    const [lists, marker] = await Promise.all([
      mapLimit(ids, 32, async (id) => {
        const [home, older] = await Promise.all([
          query(factHomeRange(encodeKey(id))),
          legacy ? query(`PartitionKey eq ${odataString(encodeKey(id))} and RowKey ge 'nudge|' and RowKey lt 'nudge}'`) : [],
        ]);
        // A meeting whose id begins another's shares its range's prefix: keep only its own.
        const byKey = new Map([...older, ...home].filter((f) => f.meetingId === id).map((f) => [factKey(f), f]));
        return [id, [...byKey.values()]] as [string, NudgeFact[]];
      }),
      legacy && ids.length > 0 ? getOrUndefined(client, FACTS_HOME_MARKER.partitionKey, FACTS_HOME_MARKER.rowKey) : undefined,
    ]);
    if (marker) this.moved = true;
    return new Map(lists.filter(([, f]) => f.length > 0).map(([id, f]) => [id, f]));
  }

  async record(facts: readonly NudgeFact[]): Promise<void> {
    const client = await this.client();
    // The copies first (the digests' escalations and the scan's copy by voice-by date, 100 to a
    // transaction): a run that stops between the two leaves a fact the next run writes again, never one
    // the digests or the morning scan cannot see.
    await upsertInBatches(client, [...facts.filter((f) => f.kind === 'escalated').map(escalationCopy), ...facts.map(factCopy)]);
    // Then their home, 100 to a transaction in each of the 8 shards.
    await upsertInBatches(client, facts.map(factHome), 8);
  }

  async escalationsBetween(from: IsoDate, to: IsoDate): Promise<NudgeFact[]> {
    if (to < from) return [];
    const rows = await listPartitionRange(await this.client(), `${ESCALATED_PREFIX}${from}`, `${ESCALATED_PREFIX}${to}`);
    return rows.map((e) => fromEntity(NudgeFactSchema, e));
  }

  async removeFacts(meetingId: string, facts: readonly Pick<NudgeFact, 'stage' | 'voiceBy'>[]): Promise<void> {
    const client = await this.client();
    for (const f of facts) {
      // The scan's copy first: a removal that stops half-way leaves the fact only where the scan does not look.
      const copy = factCopyKey(meetingId, f);
      await deleteIfExists(client, copy.partitionKey, copy.rowKey);
      const home = factHomeKey(meetingId, f);
      await deleteIfExists(client, home.partitionKey, home.rowKey);
      // And where it was written before the shards, if it was.
      await deleteIfExists(client, encodeKey(meetingId), factRow(f));
    }
  }

  async listPauses(): Promise<MeetingPause[]> {
    return (await listPartition(await this.client(), PAUSED)).map((e) => fromEntity(MeetingPauseSchema, e, ['stages']));
  }

  async getPause(meetingId: string): Promise<MeetingPause | undefined> {
    const e = await getOrUndefined(await this.client(), PAUSED, encodeKey(meetingId));
    return e ? fromEntity(MeetingPauseSchema, e, ['stages']) : undefined;
  }

  async savePause(p: MeetingPause): Promise<void> {
    await (await this.client()).upsertEntity({ partitionKey: PAUSED, rowKey: encodeKey(p.meetingId), ...toProperties(MeetingPauseSchema.parse(p)) }, 'Replace');
  }

  async removePause(meetingId: string): Promise<void> {
    await deleteIfExists(await this.client(), PAUSED, encodeKey(meetingId));
  }

  async isRunDone(date: IsoDate): Promise<boolean> {
    return Boolean(await getOrUndefined(await this.client(), RUNS, date));
  }

  async recordDigest(d: SentDigest): Promise<void> {
    await (await this.client()).upsertEntity(digestRow(d), 'Replace');
  }

  /** One partition a day: 100 cards to a transaction. */
  async recordDigests(digests: readonly SentDigest[]): Promise<void> {
    await upsertInBatches(await this.client(), digests.map(digestRow));
  }

  async listDigests(date: IsoDate): Promise<SentDigest[]> {
    return (await listPartition(await this.client(), digestPartition(date))).map((e) => fromEntity(SentDigestSchema, e, ['meetingIds']));
  }

  async markRunDone(date: IsoDate, summary: Record<string, number>): Promise<void> {
    await (await this.client()).upsertEntity({ partitionKey: RUNS, rowKey: date, ...summary, finishedAt: new Date().toISOString() }, 'Replace');
  }
}
