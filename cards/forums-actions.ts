import { z } from 'zod';

// Teams sends every input as a string (a multi-select as "a,b"), and a blank template field as " ".
const text = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(1000).optional());
const required = z.string().trim().min(1).max(200);
const isoDate = z.iso.date();

/** The forum editor's inputs, as the card submits them. */
export const ForumEditorInputsSchema = z.object({
  forumId: text,
  name: text,
  type: text,
  frequency: text,
  ordinal: text,
  weekday: text,
  customRule: text,
  startDate: text,
  time: text,
  place: text,
  onlineLink: text,
  facilitatorIds: text,
  channelId: text,
  reminderDays: text,
});
export type ForumEditorInputs = z.infer<typeof ForumEditorInputsSchema>;

/** The move-or-cancel card's inputs. */
const OccurrenceInputsSchema = z.object({
  forumId: required,
  originalDate: isoDate,
  newDate: text,
  newTime: text,
  newPlace: text,
  reason: text,
});

/** The outcome card's inputs: counts as strings, and up to MAX_POINTS numbered points. */
export const MAX_POINTS = 5;
const pointFields = Object.fromEntries(
  Array.from({ length: MAX_POINTS }, (_, i) => [`p${i}text`, `p${i}kind`, `p${i}owner`, `p${i}due`, `p${i}note`])
    .flat()
    .map((k) => [k, text]),
);
export const OutcomeInputsSchema = z.object({
  forumId: required,
  originalDate: isoDate,
  total: text,
  age_under_11: text,
  age_11_to_15: text,
  age_16_to_17: text,
  age_18_plus: text,
  group_disabled: text,
  group_placed_out_of_area: text,
  group_uasc: text,
  group_black_minority_ethnic: text,
  group_very_young: text,
  group_care_leaver: text,
  ...pointFields,
});
export type OutcomeInputs = z.infer<typeof OutcomeInputsSchema>;

/** Every action a forum or channel card can send: a discriminated union on `verb`. */
export const ForumActionSchema = z.discriminatedUnion('verb', [
  z.object({ verb: z.literal('forum.new') }),
  z.object({ verb: z.literal('forum.edit'), forumId: required }),
  ForumEditorInputsSchema.extend({ verb: z.literal('forum.preview') }),
  ForumEditorInputsSchema.extend({ verb: z.literal('forum.save') }),
  z.object({ verb: z.literal('forum.occurrence.open'), forumId: required }),
  OccurrenceInputsSchema.extend({ verb: z.literal('forum.occurrence.move') }),
  OccurrenceInputsSchema.extend({ verb: z.literal('forum.occurrence.cancel') }),
  OccurrenceInputsSchema.extend({ verb: z.literal('forum.occurrence.restore') }),
  z.object({ verb: z.literal('forum.outcome.open'), forumId: required, originalDate: isoDate }),
  OutcomeInputsSchema.extend({ verb: z.literal('forum.outcome.save') }),
  z.object({ verb: z.literal('forum.printable'), forumId: required, originalDate: isoDate }),
]);
export type ForumAction = z.infer<typeof ForumActionSchema>;
export type ForumVerb = ForumAction['verb'];
export const forumVerbs: readonly ForumVerb[] = ForumActionSchema.options.map((o) => o.shape.verb.value);
