import { factKey, type NudgeFact } from '../../core/voice';
import type { VoiceRecord } from '../../core/voice';
import { encodeKey } from './keys';
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

export const RECORD_COPY_SUFFIX = '|record';
export const FACT_COPY_INFIX = '|nudge|';

export const factCopyKey = (meetingId: string, f: Pick<NudgeFact, 'stage' | 'voiceBy'>) => ({
  partitionKey: `${VOICE_BY_PREFIX}${f.voiceBy}`,
  rowKey: `${encodeKey(meetingId)}${FACT_COPY_INFIX}${encodeKey(factKey(f))}`,
});

export const factCopy = (f: NudgeFact) => ({ ...factCopyKey(f.meetingId, f), ...toProperties(f) });

export const recordCopies = (r: VoiceRecord) => [
  { partitionKey: `${VOICE_BY_PREFIX}${r.voiceBy}`, rowKey: `${encodeKey(r.meetingId)}${RECORD_COPY_SUFFIX}`, ...toProperties(r) },
  { partitionKey: `${GATHERED_PREFIX}${r.gatheredOn}`, rowKey: encodeKey(r.meetingId), ...toProperties(r) },
];
