import { z } from 'zod';
import { CaseRefSchema } from './child';

export const MeetingTypeSchema = z.enum(['ICPC', 'RCPC', 'CLA_REVIEW', 'CIN_REVIEW', 'PATHWAY_REVIEW', 'FGC']);
export type MeetingType = z.infer<typeof MeetingTypeSchema>;

/** Plain English for each meeting type, as a worker would say it. */
export const meetingTypeLabel: Record<MeetingType, string> = {
  ICPC: 'Initial child protection conference',
  RCPC: 'Review child protection conference',
  CLA_REVIEW: 'Looked-after review',
  CIN_REVIEW: 'Child in need review',
  PATHWAY_REVIEW: 'Pathway plan review',
  FGC: 'Family group conference',
};

export const MeetingStatusSchema = z.enum(['scheduled', 'cancelled']);
export type MeetingStatus = z.infer<typeof MeetingStatusSchema>;

/** A meeting about a child, keyed by the case system's id. `start` is an instant (ISO 8601 with offset). */
export const MeetingSchema = z.object({
  id: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'use letters, numbers, dots, dashes or underscores only'),
  childRef: CaseRefSchema,
  type: MeetingTypeSchema,
  start: z.iso.datetime({ offset: true }),
  /** The chair's name as the case system writes it (free text, shown only). */
  chair: z.string().trim().max(200).optional(),
  /** The chair (IRO or conference chair) as a person id: who gets the chair's cards and may record the meeting. */
  chairId: z.uuid('chair_id must be an Entra object id (a GUID)').optional(),
  status: MeetingStatusSchema.default('scheduled'),
  /** A first ICPC: advocacy must be offered to children of the configured age and over. */
  first: z.boolean().default(false),
});
export type Meeting = z.infer<typeof MeetingSchema>;
