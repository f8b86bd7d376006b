import { z } from 'zod';

/** After a meeting, the child's (or parents') own answer on the feedback form: three points, in words. */
export const ListenedSchema = z.enum(['well', 'partly', 'not_well']);
export type Listened = z.infer<typeof ListenedSchema>;

export const listenedLabel: Record<Listened, string> = {
  well: 'Well: they felt listened to',
  partly: 'Partly: listened to about some things',
  not_well: 'Not well: they did not feel listened to',
};

/** Who the feedback form was offered to: the child, and separately the parents. */
export const FeedbackFromSchema = z.enum(['child', 'parents']);
export type FeedbackFrom = z.infer<typeof FeedbackFromSchema>;

export const WOULD_HELP_MAX = 300;

/**
 * Feedback after a meeting, as the worker or the chair records it beside their after-meeting answers:
 * whether the form was offered (child: `feedbackFormOffered`, kept from before; parents apart), the
 * answer (absent: not answered) and what would have helped, in general terms. `…YouSaidId` is the "You
 * said" item it became, so it is raised once. No child's words, no names: the PII guard checks the text.
 */
export const MeetingFeedbackFieldsSchema = z.object({
  feedbackFormOffered: z.boolean().optional(),
  childListened: ListenedSchema.optional(),
  childWouldHelp: z.string().max(WOULD_HELP_MAX).optional(),
  childYouSaidId: z.string().min(1).optional(),
  parentsFeedbackOffered: z.boolean().optional(),
  parentsListened: ListenedSchema.optional(),
  parentsWouldHelp: z.string().max(WOULD_HELP_MAX).optional(),
  parentsYouSaidId: z.string().min(1).optional(),
});
export type MeetingFeedbackFields = z.infer<typeof MeetingFeedbackFieldsSchema>;

/** What the cards submit: strings as Teams sends them. */
export const MeetingFeedbackFormSchema = z.object({
  feedbackFormOffered: z.string().optional(),
  childListened: z.string().optional(),
  childWouldHelp: z.string().optional(),
  parentsFeedbackOffered: z.string().optional(),
  parentsListened: z.string().optional(),
  parentsWouldHelp: z.string().optional(),
});
export type MeetingFeedbackForm = z.infer<typeof MeetingFeedbackFormSchema>;

/** One person's feedback as the digests read it (no text: only whether offered, and the answer). */
export interface FeedbackFact {
  offered: boolean;
  listened?: Listened;
}

/** The record's feedback from one side, where it says whether the form was offered. */
export function feedbackFact(r: MeetingFeedbackFields | undefined, from: FeedbackFrom): FeedbackFact | undefined {
  const offered = from === 'child' ? r?.feedbackFormOffered : r?.parentsFeedbackOffered;
  if (offered === undefined) return undefined;
  const listened = from === 'child' ? r?.childListened : r?.parentsListened;
  return { offered, ...(offered && listened ? { listened } : {}) };
}
