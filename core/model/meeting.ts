import { z } from 'zod';
import { CaseRefSchema } from './child';

export const MeetingTypeSchema = z.enum([
  'ICPC',
  'RCPC',
  'CLA_REVIEW',
  'CIN_REVIEW',
  'PATHWAY_REVIEW',
  'FGC',
  'ASSESSMENT',
  'EH_ASSESSMENT',
  'CORE_GROUP',
]);
export type MeetingType = z.infer<typeof MeetingTypeSchema>;

/** Plain English for each meeting type, as a worker would say it. */
export const meetingTypeLabel: Record<MeetingType, string> = {
  ICPC: 'Initial child protection conference',
  RCPC: 'Review child protection conference',
  CLA_REVIEW: 'Looked-after review',
  CIN_REVIEW: 'Child in need review',
  PATHWAY_REVIEW: 'Pathway plan review',
  FGC: 'Family group conference',
  ASSESSMENT: 'Child and family assessment',
  EH_ASSESSMENT: 'Early help assessment',
  CORE_GROUP: 'Child protection core group',
};

/** Assessments have no meeting: their "start" is the day the assessment is due, and the voice is needed by then. */
export const isAssessment = (type: MeetingType): boolean => type === 'ASSESSMENT' || type === 'EH_ASSESSMENT';

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
  /** Assessments: the referral date (the due date is 45 working days after it unless `dueOn` is given). */
  referredOn: z.iso.date().optional(),
  /** Assessments: the day the assessment is due, as the case system has it. */
  dueOn: z.iso.date().optional(),
  /** A first core group worked out from this ICPC (10 working days after it): the case system has not given one yet. */
  derivedFrom: z.string().optional(),
});
export type Meeting = z.infer<typeof MeetingSchema>;
