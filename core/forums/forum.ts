import { z } from 'zod';

/** The council's collective-participation forums (DOMAIN.md "Forums and governance rhythm"). */
export const ForumTypeSchema = z.enum(['CICC', 'CPB', 'CARE_LEAVER', 'UASC', 'SERVICE_USER', 'HAVE_YOUR_SAY', 'OTHER']);
export type ForumType = z.infer<typeof ForumTypeSchema>;

export const forumTypeLabel: Record<ForumType, string> = {
  CICC: 'Children in Care Council',
  CPB: 'Corporate Parenting Board',
  CARE_LEAVER: 'Care leaver forum',
  UASC: 'UASC participation group',
  SERVICE_USER: 'Service user forum for families',
  HAVE_YOUR_SAY: 'District "have your say" event',
  OTHER: 'Other forum',
};

/** A London calendar date, YYYY-MM-DD. */
export const LondonDateSchema = z.iso.date();
/** A London wall-clock time, HH:MM (24-hour). */
export const WallTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use a 24-hour time such as 17:00');

export const ForumIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/);

/** One occurrence changed without touching the rest: keyed by its original date. */
export const OccurrenceOverrideSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('cancelled'), reason: z.string().max(200).optional() }),
  z.object({
    status: z.literal('moved'),
    date: LondonDateSchema,
    time: WallTimeSchema,
    place: z.string().max(300).optional(),
  }),
]);
export type OccurrenceOverride = z.infer<typeof OccurrenceOverrideSchema>;

/**
 * A recurring forum. The rule is an RFC 5545 RRULE read in London wall-clock time from `startDate`
 * at `time`, so 17:00 stays 17:00 in both GMT and BST.
 */
export const ForumSchema = z.object({
  id: ForumIdSchema,
  name: z.string().trim().min(1).max(120),
  type: ForumTypeSchema,
  /** RRULE body without the `RRULE:` prefix, e.g. `FREQ=MONTHLY;BYDAY=1WE`. */
  rrule: z.string().min(6).max(300),
  startDate: LondonDateSchema,
  time: WallTimeSchema,
  durationMinutes: z.number().int().min(15).max(600).default(90),
  place: z.string().trim().max(300).optional(),
  onlineLink: z.url({ protocol: /^https$/ }).max(500).optional(),
  facilitatorIds: z.array(z.string().min(1)).max(20).default([]),
  /** The channel that gets reminders (a Teams channel id). */
  channelId: z.string().min(1).max(200).optional(),
  /** Days before each occurrence that reminders go out. */
  reminderOffsetsDays: z.array(z.number().int().min(0).max(60)).max(5).default([7, 1]),
  /** Moved or cancelled occurrences, keyed by original London date. */
  overrides: z.record(LondonDateSchema, OccurrenceOverrideSchema).default({}),
  createdBy: z.string().min(1),
  updatedAt: z.iso.datetime(),
});
export type Forum = z.infer<typeof ForumSchema>;
export type ForumInput = z.input<typeof ForumSchema>;
