import { createHash } from 'node:crypto';
import { factKey, type NudgeFact } from '../../core/voice';
import type { VoiceRecord } from '../../core/voice';
import { encodeKey, odataString } from './keys';
import { toProperties } from './entity';

/**
 * The morning scan's copies of voice state, filed by date so that one range query returns the state of
 * every meeting due (docs/storage.md). The authoritative rows stay in each meeting's partition.
 * - `voiceby|<voice-by date>` / `<meeting id>|nudge|<stage>|<voice-by>`: every nudge fact (the scan only
 *   uses a meeting's facts for its current voice-by date), and `<meeting id>|record`: the record saved
 *   while the meeting had that voice-by date.
 * - `gathered|<gathered-on date>` / `<meeting id>`: every record by the day its views were gathered, so a
 *   record that can still count (gathered within the freshness window) is found even after its meeting
 *   moved to another voice-by date.
 */
export const VOICE_BY_PREFIX = 'voiceby|';
export const GATHERED_PREFIX = 'gathered|';
/** Written once the rows from before these copies existed have been copied (`migrateVoiceStateCopies`). */
export const COPIES_MARKER = { partitionKey: 'layout', rowKey: 'voice-state-copies' } as const;

/**
 * The nudge facts' home (since 5 December 2026): PartitionKey `facts|<shard>`, one of 8 shards by a hash of the
 * meeting's key, RowKey `<meeting id>|nudge|<stage>|<voice-by>` (as in the `voiceby|` copy). A reader by meeting
 * id reads one range of one shard; a morning's facts are written 100 to a transaction (a few per shard), not
 * one request per meeting. Facts from before then live in the meeting's own partition (RowKey
 * `nudge|<stage>|<voice-by>`) until the first morning scan copies them here and writes this marker.
 */
export const FACT_HOME_PREFIX = 'facts|';
const FACT_SHARDS = 8;
export const FACTS_HOME_MARKER = { partitionKey: 'layout', rowKey: 'nudge-facts-home' } as const;
/** The shard of a meeting's facts, from its key as stored (encoded), so the purge can find it from a row. */
export const factShardOf = (meetingKey: string): string => `${FACT_HOME_PREFIX}${createHash('sha256').update(meetingKey).digest()[0]! % FACT_SHARDS}`;

export const RECORD_COPY_SUFFIX = '|record';
export const FACT_COPY_INFIX = '|nudge|';

export const factCopyKey = (meetingId: string, f: Pick<NudgeFact, 'stage' | 'voiceBy'>) => ({
  partitionKey: `${VOICE_BY_PREFIX}${f.voiceBy}`,
  rowKey: `${encodeKey(meetingId)}${FACT_COPY_INFIX}${encodeKey(factKey(f))}`,
});

export const factCopy = (f: NudgeFact) => ({ ...factCopyKey(f.meetingId, f), ...toProperties(f) });

export const factHomeKey = (meetingId: string, f: Pick<NudgeFact, 'stage' | 'voiceBy'>) => ({
  partitionKey: factShardOf(encodeKey(meetingId)),
  rowKey: factCopyKey(meetingId, f).rowKey,
});

export const factHome = (f: NudgeFact) => ({ ...factHomeKey(f.meetingId, f), ...toProperties(f) });

/** A meeting's facts in its shard: every row whose key starts `<meeting id>|`. */
export const factHomeRange = (meetingKey: string): string =>
  `PartitionKey eq ${odataString(factShardOf(meetingKey))} and RowKey ge ${odataString(`${meetingKey}|`)} and RowKey lt ${odataString(`${meetingKey}}`)}`;

export const recordCopies = (r: VoiceRecord) => [
  { partitionKey: `${VOICE_BY_PREFIX}${r.voiceBy}`, rowKey: `${encodeKey(r.meetingId)}${RECORD_COPY_SUFFIX}`, ...toProperties(r) },
  { partitionKey: `${GATHERED_PREFIX}${r.gatheredOn}`, rowKey: encodeKey(r.meetingId), ...toProperties(r) },
];
