import { z } from 'zod';
import { HarderToHearGroupSchema } from '../model/child';
import { LundyElementSchema, ParticipationModeSchema, ParticipationScopeSchema } from '../model/participation';
import type { PromiseSet } from '../model/promises';
import { generalTermsProblem } from '../pii/general-terms';
import { IsoDateSchema } from '../tracker/item';

const text = (max: number, missing: string) =>
  z.string({ message: missing }).trim().min(1, missing).max(max, `Please keep this under ${max} characters.`);
const optionalText = (max: number) => z.string().trim().max(max, `Please keep this under ${max} characters.`).optional();

/** The example form as a worker fills it in; the promise ids must be from the council's set. */
export function exampleInputSchema(promises: PromiseSet) {
  const ids = new Set(promises.map((p) => p.id));
  return z
    .object({
      title: text(120, 'Please give the example a short title.'),
      happenedOn: IsoDateSchema,
      whatHappened: text(2000, 'Please say what happened.'),
      promiseIds: z
        .array(z.string())
        .min(1, 'Choose at least one promise this example evidences.')
        .refine((ps) => ps.every((p) => ids.has(p)), 'Choose from the council\'s promises.'),
      mode: z.enum(ParticipationModeSchema.options, { message: 'Choose how young people took part.' }),
      lundy: z.array(LundyElementSchema).min(1, 'Choose at least one Lundy element that was met.'),
      scope: z.enum(ParticipationScopeSchema.options, { message: 'Choose individual or collective.' }),
      groups: z.array(HarderToHearGroupSchema).default([]),
      youSaid: text(500, 'Please say what the children said, in general terms.'),
      weDid: optionalText(1000),
      actionText: optionalText(500),
      actionOwnerId: z.string().optional(),
      actionDue: IsoDateSchema.optional(),
      shareable: z.boolean().default(false),
    })
    .superRefine((v, ctx) => {
      const problem = generalTermsProblem(v.youSaid);
      if (problem) ctx.addIssue({ code: 'custom', path: ['youSaid'], message: problem });
      const planned = v.actionText || v.actionOwnerId || v.actionDue;
      if (!v.weDid && !planned)
        ctx.addIssue({ code: 'custom', path: ['weDid'], message: 'Say what changed ("We did"), or plan an action with an owner and a due date.' });
      if (planned) {
        if (!v.actionText) ctx.addIssue({ code: 'custom', path: ['actionText'], message: 'Say what will be done.' });
        if (!v.actionOwnerId) ctx.addIssue({ code: 'custom', path: ['actionOwnerId'], message: 'Choose who owns the action.' });
        if (!v.actionDue) ctx.addIssue({ code: 'custom', path: ['actionDue'], message: 'Give a due date for the action.' });
      }
    });
}
export type ExampleInput = z.output<ReturnType<typeof exampleInputSchema>>;

/** The free-text fields the PII guard reads before an example may be shared. */
export const exampleTextFields = ['title', 'whatHappened', 'youSaid', 'weDid', 'actionText'] as const;

/** A stored participation example. */
export const ExampleSchema = z.object({
  id: z.string().min(1).max(64),
  title: z.string(),
  happenedOn: IsoDateSchema,
  whatHappened: z.string(),
  promiseIds: z.array(z.string()).min(1),
  mode: ParticipationModeSchema,
  lundy: z.array(LundyElementSchema),
  scope: ParticipationScopeSchema,
  groups: z.array(HarderToHearGroupSchema),
  youSaid: z.string(),
  weDid: z.string().optional(),
  actionText: z.string().optional(),
  actionOwnerId: z.string().optional(),
  actionDue: IsoDateSchema.optional(),
  /** The tracker item the planned action became. */
  trackerItemId: z.string().optional(),
  /** The author asked to share it with the CICC and the board, and its texts passed the PII guard. */
  shareable: z.boolean(),
  /** The author chose to keep it internal after the guard found identifying details. */
  keptInternal: z.boolean().default(false),
  /** Shareable, but a text reads above the CICC's reading age and its author saved it anyway: the digest shows its title or a safe line. */
  needsRewording: z.boolean().optional(),
  authorId: z.string().min(1),
  teamId: z.string().optional(),
  source: z.enum(['command', 'message']),
  status: z.enum(['active', 'withdrawn']),
  /** When it was withdrawn, and the London date: a withdrawn example is purged on its own, sooner (docs/retention.md). */
  withdrawnAt: z.iso.datetime().optional(),
  withdrawnOn: IsoDateSchema.optional(),
  recordedAt: z.iso.datetime(),
  /** London date it was recorded: the partition period queries read. */
  recordedOn: IsoDateSchema,
  updatedAt: z.iso.datetime(),
});
export type Example = z.infer<typeof ExampleSchema>;
