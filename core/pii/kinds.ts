import { z } from 'zod';

/** The kinds of identifying detail the guard looks for before free text may reach a channel. */
export const PiiKindSchema = z.enum([
  'name',
  'case_ref',
  'date_of_birth',
  'age',
  'phone',
  'email',
  'postcode',
  'address',
  'school',
  'nhs_number',
  'ni_number',
  'pupil_number',
  'place',
]);
export type PiiKind = z.infer<typeof PiiKindSchema>;

/** Plain English for each kind, shown beside the highlighted text (never colour alone). */
export const piiKindLabel: Record<PiiKind, string> = {
  name: 'a name',
  case_ref: 'a case reference',
  date_of_birth: 'a date (of birth?)',
  age: 'an age with other details',
  phone: 'a phone number',
  email: 'an email address',
  postcode: 'a postcode',
  address: 'a street address',
  school: 'a school or college',
  nhs_number: 'an NHS number',
  ni_number: 'a National Insurance number',
  pupil_number: 'a pupil or learner number',
  place: 'a place that could identify someone',
};

/** One identifying detail found in a text: [start, end) are UTF-16 offsets, so a card can highlight it. */
export const PiiFindingSchema = z.object({
  kind: PiiKindSchema,
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  text: z.string(),
});
export type PiiFinding = z.infer<typeof PiiFindingSchema>;

/** Collects every match of a global regex as findings of one kind (group 1 when `group` is set). */
export function matchAll(text: string, re: RegExp, kind: PiiKind, group = 0): PiiFinding[] {
  const out: PiiFinding[] = [];
  for (const m of text.matchAll(re)) {
    const found = m[group];
    if (!found || m.index === undefined) continue;
    const start = m.index + (group === 0 ? 0 : m[0].indexOf(found));
    out.push({ kind, start, end: start + found.length, text: found });
  }
  return out;
}
