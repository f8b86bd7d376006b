import { z } from 'zod';
import { PnCodeSchema, VoiceMethodSchema } from '../model/participation';

export const AttendanceSchema = z.enum(['will_attend', 'will_chair', 'will_not_attend']);
export type Attendance = z.infer<typeof AttendanceSchema>;
export const attendanceLabel: Record<Attendance, string> = {
  will_attend: 'Yes, they will attend',
  will_chair: 'Yes, and they will chair it',
  will_not_attend: 'No',
};

export const SharedWithSchema = z.enum(['chair', 'iro']);
export type SharedWith = z.infer<typeof SharedWithSchema>;
export const sharedWithLabel: Record<SharedWith, string> = { chair: 'The chair', iro: 'The IRO' };

/** Who gathered the child's views (the record's recordedBy is who filled in the card). */
export const GatheredBySchema = z.enum(['worker', 'iro_or_chair', 'advocate', 'other_professional']);
export type GatheredBy = z.infer<typeof GatheredBySchema>;
export const gatheredByLabel: Record<GatheredBy, string> = {
  worker: 'Me (the worker)',
  iro_or_chair: 'The IRO or chair',
  advocate: 'An advocate',
  other_professional: 'Another professional',
};

export const NOTE_MAX = 300;

/**
 * That, how and when a child's views were gathered before a meeting: never what they said
 * (their words belong in the case record).
 */
export const VoiceRecordSchema = z.object({
  meetingId: z.string().min(1),
  childRef: z.string().min(1),
  /** The meeting's voice-by date when recorded (a moved meeting keeps its record). */
  voiceBy: z.iso.date(),
  /**
   * Older records only: the worker once forecast the PN code before the meeting. How the child took part is
   * now recorded after it, by the chair (or, without one, the worker): see chair-record.ts.
   */
  pnCode: PnCodeSchema.optional(),
  methods: z.array(VoiceMethodSchema),
  /** A child may decline to share views: a valid outcome, not a failure. */
  declined: z.boolean(),
  gatheredOn: z.iso.date(),
  gatheredBy: GatheredBySchema.optional(),
  prepared: z.boolean(),
  /** Not asked for an assessment (it has no meeting). */
  attendance: AttendanceSchema.optional(),
  /** Undefined when the question was not asked of this child. */
  advocacyOffered: z.boolean().optional(),
  sharedWith: z.array(SharedWithSchema),
  note: z.string().max(NOTE_MAX).optional(),
  recordedBy: z.string().min(1),
  recordedAt: z.iso.datetime(),
  /** When a record for this meeting was first saved: an edit keeps it (the voice was on file from then). */
  firstRecordedAt: z.iso.datetime().optional(),
  /** When the record first said the views were shared with the chair or IRO: kept while it still says so. */
  sharedAt: z.iso.datetime().optional(),
  /** When the record first said advocacy was offered: kept while it still says so, cleared when it no longer does. */
  advocacyOfferedAt: z.iso.datetime().optional(),
});
export type VoiceRecord = z.infer<typeof VoiceRecordSchema>;

/** What the record-voice card submits: strings as Teams sends them (multi-selects comma-joined). */
export const VoiceFormSchema = z.object({
  methods: z.string().optional(),
  declined: z.string().optional(),
  gatheredOn: z.string().optional(),
  gatheredBy: z.string().optional(),
  prepared: z.string().optional(),
  attendance: z.string().optional(),
  advocacyOffered: z.string().optional(),
  sharedWith: z.string().optional(),
  note: z.string().optional(),
});
export type VoiceForm = z.infer<typeof VoiceFormSchema>;
export type VoiceFormField = keyof VoiceForm;
