import { z } from 'zod';
import { draftSchema } from './examples-actions';

const field = z.string().max(4000).optional();
const itemId = z.string().trim().min(1).max(64);

/** The "you said" form's inputs as Teams sends them. */
export const YouSaidFormValuesSchema = z.object({ youSaid: field, saidBy: field, forumId: field, ownerId: field, dueDate: field, itemId: z.string().max(64).optional() });
export type YouSaidFormValues = z.infer<typeof YouSaidFormValuesSchema>;

/** The update form's inputs (outcome and feedback). */
export const ProgressFormValuesSchema = z.object({
  outcome: field,
  weDid: field,
  why: field,
  feedbackGiven: field,
  feedbackOn: field,
  feedbackHow: field,
});
export type ProgressFormValues = z.infer<typeof ProgressFormValuesSchema>;

/** Data of every Action.Execute on the tracker cards, by verb. Parse `{ verb, ...data }`. */
export const TrackerActionSchema = z.discriminatedUnion('verb', [
  z.object({ verb: z.literal('yousaid.new') }),
  z.object({ verb: z.literal('yousaid.submit'), ...YouSaidFormValuesSchema.shape }),
  z.object({ verb: z.literal('yousaid.rewrite'), draft: draftSchema(YouSaidFormValuesSchema), recordId: z.string().max(64).optional() }),
  z.object({ verb: z.literal('yousaid.saveAnyway'), ...YouSaidFormValuesSchema.shape }),
  z.object({ verb: z.literal('yousaid.keepInternal'), draft: draftSchema(YouSaidFormValuesSchema), recordId: z.string().max(64).optional() }),
  z.object({ verb: z.literal('tracker.list') }),
  z.object({ verb: z.literal('tracker.open'), itemId }),
  z.object({ verb: z.literal('tracker.progress'), itemId, ...ProgressFormValuesSchema.shape }),
  z.object({ verb: z.literal('tracker.saveAnyway'), itemId, ...ProgressFormValuesSchema.shape }),
  z.object({ verb: z.literal('tracker.reword'), itemId, youSaid: field, outcome: field }),
  z.object({ verb: z.literal('tracker.rewrite'), draft: draftSchema(ProgressFormValuesSchema), recordId: itemId }),
  z.object({ verb: z.literal('tracker.keepInternal'), draft: draftSchema(ProgressFormValuesSchema), recordId: itemId }),
  z.object({ verb: z.literal('tracker.feedback'), itemId, feedbackOn: field, feedbackHow: field }),
  z.object({ verb: z.literal('tracker.edit'), itemId }),
  z.object({ verb: z.literal('tracker.withdraw'), itemId }),
]);
export type TrackerAction = z.infer<typeof TrackerActionSchema>;
export const trackerVerbs: readonly TrackerAction['verb'][] = TrackerActionSchema.options.map((o) => o.shape.verb.value);

const text = (s: string | undefined) => (s && s.trim() ? s : undefined);

export const toRaiseInput = (v: YouSaidFormValues) => ({
  youSaid: v.youSaid ?? '',
  saidBy: text(v.saidBy),
  // A forum is named only for a forum's "You said" (a child or a group names none).
  forumId: v.saidBy === 'forum' ? text(v.forumId) : undefined,
  ownerId: text(v.ownerId),
  dueDate: text(v.dueDate),
});

export const toProgressInput = (v: ProgressFormValues) => ({
  outcome: text(v.outcome),
  weDid: text(v.weDid),
  why: text(v.why),
  feedbackGiven: v.feedbackGiven === 'true',
  feedbackOn: text(v.feedbackOn),
  feedbackHow: text(v.feedbackHow),
});
