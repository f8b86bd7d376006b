import { z } from 'zod';

/** One line of a survey's aggregate results: a question, a group of young people, how many answered, the share agreeing. */
export const SurveyResultSchema = z.object({
  question: z.string().trim().min(3).max(300),
  group: z.string().trim().min(1).max(100),
  answering: z.number().int().min(0).max(100_000),
  /** Per cent, 0 to 100. */
  agreeing: z.number().min(0).max(100),
});
export type SurveyResult = z.infer<typeof SurveyResultSchema>;

/** A survey's aggregate results as imported: never an individual answer (docs/surveys-and-activities.md). */
export const SurveySchema = z.object({
  /** name and dates, so the same survey imported again replaces itself. */
  id: z.string().min(1).max(200),
  name: z.string().trim().min(2).max(100),
  from: z.iso.date(),
  to: z.iso.date(),
  importedAt: z.iso.datetime(),
  importedById: z.string().min(1),
  /** A question below this share (per cent) became a "You said" item; absent: none did. */
  threshold: z.number().min(0).max(100).optional(),
  results: z.array(SurveyResultSchema).min(1).max(2_000),
});
export type Survey = z.infer<typeof SurveySchema>;

/** What the officer says about the file: the survey's name, its dates, the threshold and who owns what falls below it. */
export const SurveyMetaSchema = z
  .object({
    name: z.string({ message: 'Give the survey its name, e.g. name=Bright Spots.' }).trim().min(2, 'Give the survey its name, e.g. name=Bright Spots.').max(100, 'Keep the name under 100 characters.'),
    from: z.iso.date({ message: 'Give the date the survey opened, as from=YYYY-MM-DD.' }),
    to: z.iso.date({ message: 'Give the date the survey closed, as to=YYYY-MM-DD.' }),
    threshold: z.coerce.number({ message: 'The threshold is a share agreeing, 0 to 100 (per cent).' }).min(0, 'The threshold is a share agreeing, 0 to 100 (per cent).').max(100, 'The threshold is a share agreeing, 0 to 100 (per cent).').optional(),
    /** A team (id or name) to own the "You said" items; by default the officer importing. */
    ownerTeam: z.string().trim().min(1).max(200).optional(),
  })
  // Checked even when another field has a problem, so every problem is said at once.
  .refine((m) => m.from <= m.to, { message: 'The survey must close (to) on or after the day it opened (from).', path: ['to'], when: (p) => { const v = p.value as { from?: unknown; to?: unknown }; return typeof v.from === 'string' && typeof v.to === 'string'; } });
export type SurveyMeta = z.infer<typeof SurveyMetaSchema>;

/** The stable id of a survey: its name (loosely) and dates. Table keys forbid / \ # ?, so only letters, digits and dashes. */
export const surveyId = (m: Pick<SurveyMeta, 'name' | 'from' | 'to'>): string =>
  `${m.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}_${m.from}_${m.to}`;

/** The survey a name belongs to, for comparing like with like ("Bright spots" and "Bright Spots" are one). */
export const surveyKey = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
