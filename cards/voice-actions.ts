import { z } from 'zod';
import { VoiceFormSchema, AfterMeetingFormSchema, CoverFormSchema, ChairFormSchema } from '../core/voice';
import { FeedbackFromSchema } from '../core/model';

const meetingId = z.string().trim().min(1).max(64);
/** The meetings a nudge card lists, comma-joined, so any button can redraw the whole card. */
const digest = z.string().max(4000).default('');
/** One cover, by its worker, colleague and dates (the row's key). */
const coverKey = { workerId: z.string().min(1).max(64), coverId: z.string().min(1).max(64), from: z.iso.date(), to: z.iso.date() };

/**
 * Data of every Action.Execute on the voice cards, by verb (Teams merges the card's inputs into it).
 * Parse with `VoiceActionSchema.safeParse({ verb, ...data })`.
 */
export const VoiceActionSchema = z.discriminatedUnion('verb', [
  z.object({ verb: z.literal('voice.refresh'), digest }),
  z.object({ verb: z.literal('voice.open'), meetingId, digest }),
  z.object({ verb: z.literal('voice.record'), meetingId, digest, view: z.string().max(8000).optional(), ...VoiceFormSchema.shape }),
  z.object({ verb: z.literal('voice.snooze'), meetingId, digest }),
  z.object({ verb: z.literal('voice.notMine'), meetingId, digest }),
  z.object({ verb: z.literal('voice.claim'), meetingId, digest, holderId: z.string().max(64).optional() }),
  z.object({ verb: z.literal('voice.confirmHolder'), meetingId, holderId: z.string().min(1).max(64) }),
  z.object({ verb: z.literal('escalation.renudge'), meetingId }),
  z.object({ verb: z.literal('after.open'), meetingId }),
  z.object({ verb: z.literal('cover.set'), ...CoverFormSchema.shape }),
  z.object({ verb: z.literal('cover.end'), ...coverKey }),
  z.object({ verb: z.literal('cover.approve'), ...coverKey }),
  z.object({ verb: z.literal('after.record'), meetingId, ...AfterMeetingFormSchema.shape }),
  z.object({ verb: z.literal('chair.open'), meetingId }),
  z.object({ verb: z.literal('chair.record'), meetingId, ...ChairFormSchema.shape }),
  /** One press: the saved "what would have helped" (the worker's or the chair's record) becomes a "You said" item. */
  z.object({ verb: z.literal('feedback.youSaid'), meetingId, from: FeedbackFromSchema, record: z.enum(['after', 'chair']) }),
]);
export type VoiceAction = z.infer<typeof VoiceActionSchema>;
export type VoiceVerb = VoiceAction['verb'];
export const voiceVerbs: readonly VoiceVerb[] = VoiceActionSchema.options.map((o) => o.shape.verb.value);

export const digestIds = (digest: string): string[] => digest.split(',').map((s) => s.trim()).filter(Boolean);
