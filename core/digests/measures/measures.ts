import { MeetingTypeSchema, type MeetingType } from '../../model/meeting';
import { heardMeasures, type HeardMeasures } from './heard';
import type { MeetingVoiceFact } from '../ports';
import type { Ratio } from '../weekly/weekly';
import { voiceOnTime } from '../weekly/weekly';

/** Shared measures over meetings held in a period (board briefing, senior report). */
export interface VoiceMeasures {
  /** Voice recorded (a decline included) before the report deadline: a record in time, not a child heard. */
  byType: { type: MeetingType; ratio: Ratio }[];
  all: Ratio;
  advocacy: Ratio;
  toldOutcome: Ratio;
  /** Whether children were heard: views reached the meeting, declined, not heard, and around the meeting. */
  heard: HeardMeasures;
}

const before = (a: string | undefined, b: string): boolean => !!a && Date.parse(a) <= Date.parse(b);

export function voiceMeasures(held: readonly MeetingVoiceFact[], now: Date): VoiceMeasures {
  const r = (ms: readonly MeetingVoiceFact[], ok: (m: MeetingVoiceFact) => boolean): Ratio => ({ n: ms.filter(ok).length, d: ms.length });
  return {
    byType: MeetingTypeSchema.options.map((type) => ({ type, ratio: r(held.filter((m) => m.type === type), voiceOnTime) })),
    all: r(held, voiceOnTime),
    advocacy: r(held.filter((m) => m.advocacyRequired), (m) => before(m.advocacyOfferedAt, m.start)),
    toldOutcome: r(held, (m) => before(m.toldOutcomeAt, now.toISOString())),
    heard: heardMeasures(held),
  };
}
