import { z } from 'zod';
import template from './survey-import.json';
import { renderCard, type Card } from './render';

// Teams sends every input as a string, and a blank template field as " ".
const text = (max: number) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(max).optional());

/** The survey card's buttons: open it, and import what was pasted (with the survey's name and dates). */
export const surveyVerbs = ['survey.new', 'survey.import'] as const;
export const SurveyActionSchema = z.discriminatedUnion('verb', [
  z.object({ verb: z.literal('survey.new') }),
  z.object({ verb: z.literal('survey.import'), name: text(1000), from: text(100), to: text(100), threshold: text(100), ownerTeam: text(1000), csv: text(100_000) }),
]);
export type SurveyAction = z.infer<typeof SurveyActionSchema>;

export interface SurveyCardView {
  values?: Record<string, string | undefined>;
  /** Problems beside the fields (name, from, to, threshold, ownerTeam, csv). */
  errors?: Record<string, string>;
  /** Rows of the pasted results with a problem, by line (the header is line 1) and column. */
  rows?: readonly { line?: number; row?: number; column: string; reason: string }[];
  error?: string;
  notice?: string;
}

/** The "import survey results" card: empty, back with every entry kept and each problem named, or saying what was imported. */
export function surveyImportCard(v: SurveyCardView): Card {
  return renderCard(template, {
    notice: v.notice ?? '',
    error: v.error ?? '',
    errors: v.errors ?? {},
    rows: (v.rows ?? []).slice(0, 30).map((r) => ({ line: r.line ?? r.row ?? 1, column: r.column, reason: r.reason })),
    values: { name: '', from: '', to: '', threshold: '', ownerTeam: '', csv: '', ...(v.values ?? {}) },
  });
}
