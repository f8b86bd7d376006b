import { z } from 'zod';

/** The kinds of group participation that change services (Hampshire's "Bank of Interviewers", peer inspection, ...). */
export const ActivityKindSchema = z.enum(['interview_panel', 'training', 'peer_inspection', 'young_commissioners', 'consultation_event', 'other']);
export type ActivityKind = z.infer<typeof ActivityKindSchema>;
export const activityKindLabel: Record<ActivityKind, string> = {
  interview_panel: 'Interview panel',
  training: 'Training delivered by young people',
  peer_inspection: 'Peer inspection',
  young_commissioners: 'Young commissioners',
  consultation_event: 'Consultation event',
  other: 'Other',
};

export const RecognitionSchema = z.enum(['voucher', 'certificate', 'accreditation']);
export type Recognition = z.infer<typeof RecognitionSchema>;
export const recognitionLabel: Record<Recognition, string> = { voucher: 'Voucher', certificate: 'Certificate', accreditation: 'Accreditation' };

/** One group activity young people took part in: counts only, never who. */
export const ActivitySchema = z.object({
  id: z.string().min(1).max(64),
  kind: ActivityKindSchema,
  /** London date it took place. */
  on: z.iso.date(),
  youngPeople: z.number().int().min(1).max(500),
  /** How long it lasted, in hours. */
  hours: z.number().min(0.25).max(200),
  promiseIds: z.array(z.string()).max(20),
  /** The service it touched, in general terms (passed the PII guard). */
  service: z.string().max(100).optional(),
  recognition: z.array(RecognitionSchema).max(3),
  loggedById: z.string().min(1),
  loggedAt: z.iso.datetime(),
});
export type Activity = z.infer<typeof ActivitySchema>;
