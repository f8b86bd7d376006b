import { z } from 'zod';
import { FeedbackFromSchema } from '../model/feedback';
import { MeetingTypeSchema } from '../model/meeting';

export const IsoDateSchema = z.iso.date({ message: 'Please give a date.' });

/** Who said it: one child, a group of children, or a forum (CICC, care leaver forum, ...). */
export const SaidBySchema = z.enum(['child', 'group', 'forum', 'family']);
export type SaidBy = z.infer<typeof SaidBySchema>;
export const saidByLabel: Record<SaidBy, string> = {
  child: 'A child or young person',
  group: 'A group of children or young people',
  forum: 'A forum (for example the Children in Care Council)',
  family: "A child's parents or family",
};

export const ItemSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('command') }),
  z.object({ kind: z.literal('example'), exampleId: z.string().min(1) }),
  z.object({
    kind: z.literal('forum'),
    forumId: z.string().min(1),
    forumName: z.string().max(200),
    occurrenceDate: IsoDateSchema,
  }),
  /** A survey question below the threshold the officer set (core/surveys). */
  z.object({ kind: z.literal('survey'), surveyId: z.string().min(1).max(200), surveyName: z.string().max(100) }),
  /** What would have helped, from a child's or parents' feedback after a meeting: the meeting's type only, no meeting or child. */
  z.object({ kind: z.literal('meeting-feedback'), meetingType: MeetingTypeSchema, from: FeedbackFromSchema }),
  /** A board member's or senior manager's "Ask about this" on a digest section (core/digests/ask.ts): theirs, not a child's. */
  z.object({ kind: z.literal('digest-ask'), digest: z.enum(['cpb', 'senior']) }),
  /** A point from a child's exit conversation as their care episode or pathway support ended (core/exits); no case reference. */
  z.object({ kind: z.literal('exit'), ended: z.enum(['care', 'pathway']) }),
]);
export type ItemSource = z.infer<typeof ItemSourceSchema>;

export const OutcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('done'), weDid: z.string().trim().min(3).max(1000) }),
  z.object({ kind: z.literal('not_possible'), why: z.string().trim().min(3).max(1000) }),
]);
export type Outcome = z.infer<typeof OutcomeSchema>;

export const FeedbackSchema = z.object({
  givenOn: IsoDateSchema,
  /** How the child or group was told (letter, at the forum, in person, ...). */
  how: z.string().trim().min(3).max(300),
});
export type Feedback = z.infer<typeof FeedbackSchema>;

/**
 * open -> awaiting_feedback (outcome recorded) -> closed (feedback given back: Lundy's Influence).
 * An outcome recorded together with the feedback goes straight to closed. Withdrawn is an author's undo.
 */
export const ItemStatusSchema = z.enum(['open', 'awaiting_feedback', 'closed', 'withdrawn']);
export type ItemStatus = z.infer<typeof ItemStatusSchema>;

/** A "You said" item, tracked to its "We did" (or to why not). */
export const TrackerItemSchema = z.object({
  id: z.string().min(1).max(64),
  youSaid: z.string().trim().min(3).max(500),
  saidBy: SaidBySchema,
  /**
   * The forum that said it, when `saidBy` is 'forum' (a forum id, core/forums). Items saved before this
   * field existed have none: an unknown forum, shown only in service-wide lists (raisedByOf).
   */
  forumId: z.string().min(1).max(64).optional(),
  source: ItemSourceSchema,
  raisedById: z.string().min(1),
  raisedAt: z.iso.datetime(),
  /** London date it was raised: the partition the digests read. */
  raisedOn: IsoDateSchema,
  ownerId: z.string().min(1),
  teamId: z.string().optional(),
  dueDate: IsoDateSchema,
  status: ItemStatusSchema,
  outcome: OutcomeSchema.optional(),
  outcomeAt: z.iso.datetime().optional(),
  feedback: FeedbackSchema.optional(),
  closedAt: z.iso.datetime().optional(),
  closedOn: IsoDateSchema.optional(),
  remindedAt: z.iso.datetime().optional(),
  overdueNudgedAt: z.iso.datetime().optional(),
  /** When it was withdrawn, and the London date: a withdrawn item is purged on its own, sooner (docs/retention.md). */
  withdrawnAt: z.iso.datetime().optional(),
  withdrawnOn: IsoDateSchema.optional(),
  /** The texts passed the PII guard: they may be quoted in a channel or a digest. */
  shareable: z.boolean(),
  /** Shareable, but a text reads above the CICC's reading age: its author saved it anyway, or it came that way; a participation officer rewords it. */
  needsRewording: z.boolean().optional(),
  updatedAt: z.iso.datetime(),
});
export type TrackerItem = z.infer<typeof TrackerItemSchema>;

export const isActive = (item: Pick<TrackerItem, 'status'>): boolean =>
  item.status === 'open' || item.status === 'awaiting_feedback';

/** Who raised an item, for deciding which audience is told "You told us" (never a child's name). */
export type RaisedBy = { kind: 'forum'; forumId: string } | { kind: 'group' } | { kind: 'child' } | { kind: 'family' } | { kind: 'board' } | { kind: 'unknown' };

/** A forum's items name it (chosen on the form, or the forum meeting they came from); older ones may not. */
export function raisedByOf(i: Pick<TrackerItem, 'saidBy' | 'forumId' | 'source'>): RaisedBy {
  // A question from the board or senior managers is never something children said, whatever `saidBy` holds.
  if (i.source.kind === 'digest-ask') return { kind: 'board' };
  if (i.saidBy !== 'forum') return { kind: i.saidBy };
  const forumId = i.forumId ?? (i.source.kind === 'forum' ? i.source.forumId : undefined);
  return forumId ? { kind: 'forum', forumId } : { kind: 'unknown' };
}
