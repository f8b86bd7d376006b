import { z } from 'zod';
import { CaseRefSchema } from '../model/child';

/** What ended: a child's care episode, or a care leaver's pathway support. */
export const ExitKindSchema = z.enum(['care', 'pathway']);
export type ExitKind = z.infer<typeof ExitKindSchema>;
export const exitKindLabel: Record<ExitKind, string> = { care: 'care episode', pathway: 'pathway support' };

/** Whether the exit conversation took place. */
export const HeldSchema = z.enum(['yes', 'no', 'declined']);
export type Held = z.infer<typeof HeldSchema>;
export const heldLabel: Record<Held, string> = { yes: 'Yes, it was held', no: 'No, not held', declined: 'Offered, but the young person declined' };

/** One ending, as the import reported it: the child, what ended and when. */
export const ExitKeySchema = z.object({ childRef: CaseRefSchema, kind: ExitKindSchema, endedOn: z.iso.date() });
export type ExitKey = z.infer<typeof ExitKeySchema>;

/** At most this many "you said" points per conversation (the card's three boxes). */
export const MAX_POINTS = 3;

/**
 * An exit conversation: asked of the child's worker once when the import reports the ending, answered once.
 * Holds no words of the child: the points went to the tracker (`itemIds`), in general terms.
 */
export const ExitRecordSchema = ExitKeySchema.extend({
  workerId: z.string().min(1),
  teamId: z.string().optional(),
  askedAt: z.iso.datetime(),
  offered: z.boolean().optional(),
  held: HeldSchema.optional(),
  heldOn: z.iso.date().optional(),
  itemIds: z.array(z.string()).default([]),
  answeredById: z.string().optional(),
  answeredAt: z.iso.datetime().optional(),
});
export type ExitRecord = z.infer<typeof ExitRecordSchema>;

/** The outbox's dedupe key and the audit record id of one ending: the same snapshot imported twice asks once. */
export const exitKeyOf = (k: ExitKey): string => `exit:${k.childRef}:${k.kind}:${k.endedOn}`;

/** The endings a child row reports (a care leaver can have both). */
export const endingsOf = (c: { ref: string; careEnded?: string; pathwayEnded?: string }): ExitKey[] => [
  ...(c.careEnded ? [{ childRef: c.ref, kind: 'care' as const, endedOn: c.careEnded }] : []),
  ...(c.pathwayEnded ? [{ childRef: c.ref, kind: 'pathway' as const, endedOn: c.pathwayEnded }] : []),
];
