import { z } from 'zod';
import { MeetingTypeSchema, type MeetingType } from '../model/meeting';

/** A nudge offset: working days before the voice-by date, or 'import' (as soon as the meeting is known). */
export const NudgeOffsetSchema = z.union([z.literal('import'), z.number().int().min(0).max(40)]);
export type NudgeOffset = z.infer<typeof NudgeOffsetSchema>;

export const TypeScheduleSchema = z.object({
  /** The report deadline: working days before the meeting (0: the meeting itself). */
  voiceByWorkingDaysBefore: z.number().int().min(0).max(40),
  /** When to nudge, counted back from the voice-by date in working days. */
  nudges: z.array(NudgeOffsetSchema).min(1).max(6),
  /** Views gathered more than this many months before the meeting are stale: they count as missing. */
  freshMonths: z.number().int().min(1).max(24).optional(),
});
export type TypeSchedule = z.infer<typeof TypeScheduleSchema>;

/**
 * How "N working days before" is counted. `event-day`: the event is day 0, so 2 before a Wednesday is
 * the Monday. `clear-days`: N whole working days must lie between, so 2 before a Wednesday is the Friday.
 */
export const DayZeroRuleSchema = z.enum(['event-day', 'clear-days']);
export type DayZeroRule = z.infer<typeof DayZeroRuleSchema>;

/** The defaults of DOMAIN.md: conference reports 2 (ICPC) and 5 (RCPC) working days ahead. */
export const defaultTypeSchedules: Record<MeetingType, TypeSchedule> = {
  ICPC: { voiceByWorkingDaysBefore: 2, nudges: ['import', 3, 1] },
  RCPC: { voiceByWorkingDaysBefore: 5, nudges: [10, 5, 2] },
  CLA_REVIEW: { voiceByWorkingDaysBefore: 0, nudges: [10, 5, 2] },
  CIN_REVIEW: { voiceByWorkingDaysBefore: 0, nudges: [10, 5, 2] },
  PATHWAY_REVIEW: { voiceByWorkingDaysBefore: 0, nudges: [10, 5, 2] },
  FGC: { voiceByWorkingDaysBefore: 0, nudges: [5, 2] },
  // An assessment's "meeting" is its due date: views are wanted by then, with three weeks' notice.
  ASSESSMENT: { voiceByWorkingDaysBefore: 0, nudges: [15, 5, 2] },
  EH_ASSESSMENT: { voiceByWorkingDaysBefore: 0, nudges: [15, 5, 2] },
  // The first core group comes within 10 working days of the ICPC, so its nudges start a week ahead.
  CORE_GROUP: { voiceByWorkingDaysBefore: 0, nudges: [5, 2] },
};

/** How long views stay fresh when a type's schedule does not say: an ICPC and a core group 1 month, others 3. */
const defaultFreshMonths: Partial<Record<MeetingType, number>> = { ICPC: 1, CORE_GROUP: 1 };

export const VoiceSettingsSchema = z.object({
  types: z.record(MeetingTypeSchema, TypeScheduleSchema).default(defaultTypeSchedules),
  dayZero: DayZeroRuleSchema.default('event-day'),
  /** London wall-clock time of the morning nudge slot. */
  nudgeTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).default('08:30'),
  /** Advocacy must be offered before a first ICPC to children of this age or over (Thurrock: over 5). */
  advocacyMinAge: z.number().int().min(0).max(18).default(5),
  /** Show initials beside the case reference on 1:1 cards. */
  showInitials: z.boolean().default(false),
  /** Deep link into the case record; `{ref}` is replaced by the case reference. */
  caseRecordUrl: z.string().default('https://case-system.example.invalid/child/{ref}'),
  /** How far ahead the scan looks, in working days; at least the longest schedule. */
  horizonWorkingDays: z.number().int().min(1).max(60).default(20),
  /** The longest cover a worker can set for their leave, in calendar days. */
  coverMaxDays: z.number().int().min(1).max(365).default(42),
});
export type VoiceSettings = z.infer<typeof VoiceSettingsSchema>;

export const defaultVoiceSettings: VoiceSettings = VoiceSettingsSchema.parse({});

/**
 * Settings from partial overrides (e.g. `{ "RCPC": { "voiceByWorkingDaysBefore": 3, ... } }`); types
 * left out keep their defaults.
 */
export function voiceSettings(overrides: Partial<Omit<VoiceSettings, 'types'>> & { types?: Partial<Record<MeetingType, TypeSchedule>> } = {}): VoiceSettings {
  const { types, ...rest } = overrides;
  return VoiceSettingsSchema.parse({ ...rest, types: { ...defaultTypeSchedules, ...types } });
}

/**
 * Views older than this are stale (default 3 months; 1 for an ICPC, which follows a strategy discussion, and
 * for a core group, which meets every few weeks and should hear the child afresh each time).
 */
export const freshMonthsFor = (type: MeetingType, settings: VoiceSettings): number =>
  settings.types[type]?.freshMonths ?? defaultFreshMonths[type] ?? 3;

/** Case-record link for a child. */
export const caseRecordLink = (settings: VoiceSettings, ref: string): string =>
  settings.caseRecordUrl.replace('{ref}', encodeURIComponent(ref));

/** How a child is shown on 1:1 cards: reference, with initials when the council turns them on. */
export const childLabel = (settings: VoiceSettings, child: { ref: string; initials?: string }): string =>
  settings.showInitials && child.initials ? `${child.ref} (${child.initials})` : child.ref;
