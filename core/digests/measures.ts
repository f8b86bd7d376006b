import type { HarderToHearGroup } from '../model/child';
import { MeetingTypeSchema, type MeetingType } from '../model/meeting';
import type { MeetingVoiceFact } from './ports';
import type { Ratio } from './weekly';
import { voiceOnTime } from './weekly';

/** Shared measures over meetings held in a period (board briefing, senior report). */
export interface VoiceMeasures {
  byType: { type: MeetingType; ratio: Ratio }[];
  all: Ratio;
  advocacy: Ratio;
  toldOutcome: Ratio;
  /** Distinct children whose voice was recorded for a meeting in the period, by harder-to-hear group. */
  heard: { total: number; byGroup: Partial<Record<HarderToHearGroup, number>> };
}

const before = (a: string | undefined, b: string): boolean => !!a && Date.parse(a) <= Date.parse(b);

export function voiceMeasures(held: readonly MeetingVoiceFact[], now: Date): VoiceMeasures {
  const r = (ms: readonly MeetingVoiceFact[], ok: (m: MeetingVoiceFact) => boolean): Ratio => ({ n: ms.filter(ok).length, d: ms.length });
  const heardChildren = new Map<string, readonly HarderToHearGroup[]>();
  for (const m of held) if (m.voiceRecordedAt) heardChildren.set(m.childRef, m.groups);
  const byGroup: Partial<Record<HarderToHearGroup, number>> = {};
  for (const groups of heardChildren.values()) for (const g of groups) byGroup[g] = (byGroup[g] ?? 0) + 1;
  return {
    byType: MeetingTypeSchema.options.map((type) => ({ type, ratio: r(held.filter((m) => m.type === type), voiceOnTime) })),
    all: r(held, voiceOnTime),
    advocacy: r(held.filter((m) => m.advocacyRequired), (m) => before(m.advocacyOfferedAt, m.start)),
    toldOutcome: r(held, (m) => before(m.toldOutcomeAt, now.toISOString())),
    heard: { total: heardChildren.size, byGroup },
  };
}
