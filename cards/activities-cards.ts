import { z } from 'zod';
import { activityKindLabel, ActivityKindSchema, recognitionLabel, RecognitionSchema } from '../core/activities';
import template from './activity-form.json';
import { renderCard, type Card } from './render';

// Teams sends every input as a string (a multi-select as "a,b"), and a blank template field as " ".
const text = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(1000).optional());

/** The activity card's buttons and what each sends (a verb, and the inputs as typed). */
export const activityVerbs = ['activity.new', 'activity.save'] as const;
export const ActivityActionSchema = z.discriminatedUnion('verb', [
  z.object({ verb: z.literal('activity.new') }),
  z.object({ verb: z.literal('activity.save'), kind: text, on: text, youngPeople: text, hours: text, promiseIds: text, service: text, recognition: text }),
]);
export type ActivityAction = z.infer<typeof ActivityActionSchema>;

export interface ActivityCardView {
  promises: readonly { id: string; title: string }[];
  values?: Record<string, string | undefined>;
  errors?: Record<string, string>;
  notice?: string;
}

/** The "log group participation" card: empty, or back with every entry kept and each problem beside its field. */
export function activityCard(v: ActivityCardView): Card {
  return renderCard(template, {
    heading: 'Log group participation',
    intro: 'Young people on an interview panel, delivering training, inspecting a service, commissioning or at a consultation event: record what they did and how they were thanked.',
    notice: v.notice ?? '',
    hasErrors: !!v.errors && Object.keys(v.errors).length > 0,
    errors: v.errors ?? {},
    values: { kind: '', on: '', youngPeople: '', hours: '', promiseIds: '', service: '', recognition: '', ...(v.values ?? {}) },
    kindChoices: ActivityKindSchema.options.map((k) => ({ title: activityKindLabel[k], value: k })),
    promiseChoices: v.promises.map((p) => ({ title: p.title, value: p.id })),
    recognitionChoices: RecognitionSchema.options.map((r) => ({ title: recognitionLabel[r], value: r })),
  });
}
