import type { Ratio } from '../digests/weekly/weekly';
import { surveyKey, type Survey } from './survey';

/** One question for one group: how many agreed of how many answered, in the latest survey and the one before. */
export interface QuestionTrend {
  question: string;
  group: string;
  now: Ratio;
  /** Absent when the previous survey did not ask this question of this group. */
  before?: Ratio;
}

export interface SurveyComparison {
  name: string;
  latest: { from: string; to: string };
  previous?: { from: string; to: string };
  questions: QuestionTrend[];
}

/** The number agreeing, from the share and the number answering (what the suppression rule needs). */
export const agreeingOf = (r: { answering: number; agreeing: number }): Ratio => ({ n: Math.round((r.answering * r.agreeing) / 100), d: r.answering });

const key = (q: { question: string; group: string }) => `${q.question.toLowerCase()}\u0000${q.group.toLowerCase()}`;

/**
 * For each survey (by name), the latest that had closed by `on` against the one before it, question by
 * question and group by group: the same wording compares, a new question stands alone.
 */
export function latestAgainstPrevious(surveys: readonly Survey[], on: string): SurveyComparison[] {
  const byName = new Map<string, Survey[]>();
  for (const s of surveys.filter((x) => x.to <= on)) byName.set(surveyKey(s.name), [...(byName.get(surveyKey(s.name)) ?? []), s]);
  return [...byName.values()]
    .map((runs) => runs.sort((a, b) => b.to.localeCompare(a.to) || b.importedAt.localeCompare(a.importedAt)))
    .sort((a, b) => b[0]!.to.localeCompare(a[0]!.to))
    .map(([latest, previous]) => {
      const before = new Map((previous?.results ?? []).map((r) => [key(r), agreeingOf(r)]));
      return {
        name: latest!.name,
        latest: { from: latest!.from, to: latest!.to },
        ...(previous ? { previous: { from: previous.from, to: previous.to } } : {}),
        questions: latest!.results.map((r) => ({ question: r.question, group: r.group, now: agreeingOf(r), ...(before.has(key(r)) ? { before: before.get(key(r)) } : {}) })),
      };
    });
}
