import { HarderToHearGroupSchema, type HarderToHearGroup } from '../../model/child';
import type { FeedbackFact, FeedbackFrom } from '../../model/feedback';
import { MeetingTypeSchema, type MeetingType } from '../../model/meeting';
import { VoiceMethodSchema, type PnCode, type VoiceMethod } from '../../model/participation';
import type { MeetingVoiceFact } from '../ports';
import type { Ratio } from '../weekly/weekly';

/**
 * Whether a child was heard at a meeting, from what was recorded: the evidence, not the form.
 * `reached`: their views reached the meeting; `declined`: they chose not to share views (a valid choice,
 * never counted as heard); `under_four`: PN0 with no views shared with the chair; `not_heard`: PN7, or no
 * evidence that their views reached the meeting (nothing recorded, or not shared with the chair).
 */
export const VoiceOutcomeValues = ['reached', 'declined', 'not_heard', 'under_four'] as const;
export type VoiceOutcome = (typeof VoiceOutcomeValues)[number];

/** SSDA903 codes that say the child's views reached the meeting (PN1-PN4 attending, PN5-PN6 not). */
const REACHED: ReadonlySet<PnCode> = new Set(['PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6']);

// Shared with the chair before the meeting: when the record first said so (else when it was recorded).
const sharedBefore = (m: MeetingVoiceFact): boolean => {
  const at = m.sharedAt ?? m.voiceRecordedAt;
  return m.sharedWithChair === true && !!at && Date.parse(at) <= Date.parse(m.start);
};

export function voiceOutcome(m: MeetingVoiceFact): VoiceOutcome {
  if (m.declined) return 'declined';
  // PN7 is the meeting's own record that the views did not reach it: it outweighs a note that they were shared.
  if (m.pn === 'PN7') return 'not_heard';
  if ((m.pn && REACHED.has(m.pn)) || sharedBefore(m)) return 'reached';
  return m.pn === 'PN0' ? 'under_four' : 'not_heard';
}

/** A yes/no measure that may not be recorded for every meeting: yes of those recorded, and how many were. */
export interface RecordedRatio {
  /** Meetings answered "yes" of those where it was recorded. */
  ratio: Ratio;
  /** All the meetings it could have been recorded for. */
  of: number;
}

/** The measures of children heard over a set of meetings (one child each). */
export interface HeardMeasures {
  meetings: number;
  /** Meetings by outcome; they add up to `meetings`. */
  outcomes: Record<VoiceOutcome, number>;
  /** Views reached the meeting, by meeting type (types add up to all meetings). */
  byType: { type: MeetingType; ratio: Ratio }[];
  /** Views reached the meeting, for the meetings of children in each harder-to-hear group (groups overlap). */
  byGroup: { group: HarderToHearGroup; ratio: Ratio }[];
  /** Distinct children whose views reached at least one meeting, by harder-to-hear group. */
  children: { total: number; byGroup: Partial<Record<HarderToHearGroup, number>> };
  /** Distinct children with a meeting held, by group: those who could have been heard (the fair share to compare with). */
  met: { total: number; byGroup: Partial<Record<HarderToHearGroup, number>> };
  prepared: RecordedRatio;
  chairMetBefore: RecordedRatio;
  viewsChangedPlan: RecordedRatio;
  /** Meetings whose record lists how views were gathered, and how many used each way. */
  methods: { recorded: number; byMethod: { method: VoiceMethod; n: number }[] };
  /** Feedback after the meeting, from the child and apart from the parents, by meeting type. */
  feedback: { type: MeetingType; child: FeedbackCounts; parents: FeedbackCounts }[];
}

/** Of a type's meetings: where it was recorded whether the form was offered, offered, answered, and "listened to well". */
export interface FeedbackCounts {
  meetings: number;
  recorded: number;
  offered: number;
  answered: number;
  well: number;
}

const feedbackCounts = (ms: readonly MeetingVoiceFact[], from: FeedbackFrom): FeedbackCounts => {
  const facts = ms.map((m) => (from === 'child' ? m.childFeedback : m.parentsFeedback)).filter((f): f is FeedbackFact => f !== undefined);
  const offered = facts.filter((f) => f.offered);
  const answered = offered.filter((f) => f.listened !== undefined);
  return { meetings: ms.length, recorded: facts.length, offered: offered.length, answered: answered.length, well: answered.filter((f) => f.listened === 'well').length };
};

const recorded = (ms: readonly MeetingVoiceFact[], pick: (m: MeetingVoiceFact) => boolean | undefined): RecordedRatio => {
  const known = ms.filter((m) => pick(m) !== undefined);
  return { ratio: { n: known.filter((m) => pick(m) === true).length, d: known.length }, of: ms.length };
};

export function heardMeasures(held: readonly MeetingVoiceFact[]): HeardMeasures {
  const outcomes = Object.fromEntries(VoiceOutcomeValues.map((o) => [o, 0])) as Record<VoiceOutcome, number>;
  const reached = new Map<string, readonly HarderToHearGroup[]>();
  const met = new Map<string, readonly HarderToHearGroup[]>();
  for (const m of held) {
    met.set(m.childRef, m.groups);
    const o = voiceOutcome(m);
    outcomes[o]++;
    if (o === 'reached') reached.set(m.childRef, m.groups);
  }
  const countGroups = (children: Map<string, readonly HarderToHearGroup[]>) => {
    const byGroup: Partial<Record<HarderToHearGroup, number>> = {};
    for (const groups of children.values()) for (const g of groups) byGroup[g] = (byGroup[g] ?? 0) + 1;
    return byGroup;
  };
  const withMethods = held.filter((m) => (m.methods?.length ?? 0) > 0);
  return {
    meetings: held.length,
    outcomes,
    byType: MeetingTypeSchema.options.map((type) => {
      const ms = held.filter((m) => m.type === type);
      return { type, ratio: { n: ms.filter((m) => voiceOutcome(m) === 'reached').length, d: ms.length } };
    }),
    byGroup: HarderToHearGroupSchema.options.map((group) => {
      const ms = held.filter((m) => m.groups.includes(group));
      return { group, ratio: { n: ms.filter((m) => voiceOutcome(m) === 'reached').length, d: ms.length } };
    }),
    children: { total: reached.size, byGroup: countGroups(reached) },
    met: { total: met.size, byGroup: countGroups(met) },
    prepared: recorded(held, (m) => m.prepared),
    chairMetBefore: recorded(held, (m) => m.chairMetChildBefore),
    viewsChangedPlan: recorded(held, (m) => m.viewsChangedPlan),
    methods: {
      recorded: withMethods.length,
      byMethod: VoiceMethodSchema.options.map((method) => ({ method, n: withMethods.filter((m) => m.methods!.includes(method)).length })),
    },
    feedback: MeetingTypeSchema.options.map((type) => {
      const ms = held.filter((m) => m.type === type);
      return { type, child: feedbackCounts(ms, 'child'), parents: feedbackCounts(ms, 'parents') };
    }),
  };
}

/** Views reached the meeting, of all meetings held. */
export const reachedRatio = (h: HeardMeasures): Ratio => ({ n: h.outcomes.reached, d: h.meetings });
