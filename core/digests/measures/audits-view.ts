import { gradeLabel, GradeSchema, rubricLabel, type CaseAuditSummary } from '../../audits';
import { figureCount, figureRow, type FigureId } from './figures';
import type { Audience } from '../format';
import type { Fact } from '../weekly/weekly-view';

type Ids<D extends 'weekly' | 'senior'> = { sampled: `${D}.audits-sampled`; done: `${D}.audits-done`; notDone: `${D}.audits-not-done`; grades: `${D}.audit-grades` };
export const WEEKLY_AUDIT_IDS: Ids<'weekly'> = { sampled: 'weekly.audits-sampled', done: 'weekly.audits-done', notDone: 'weekly.audits-not-done', grades: 'weekly.audit-grades' };
export const SENIOR_AUDIT_IDS: Ids<'senior'> = { sampled: 'senior.audits-sampled', done: 'senior.audits-done', notDone: 'senior.audits-not-done', grades: 'senior.audit-grades' };

/** What each audit figure counts, in one plain sentence each (docs/digests.md carries the same words). */
export const AUDIT_DEFINITIONS = {
  sampled: 'Case files sampled: children picked at random for the month\'s audit of their case file, two per team unless the council sets another number.',
  done: 'Graded: audits the auditor answered, a late answer included.',
  notDone: 'Not done: audits still unanswered 10 working days after they were sent (the auditor was reminded once after 5).',
  grades: 'Each question counts the graded files answered yes, partly, no or can\'t tell, from what the case record shows.',
} as const;

/**
 * A set of case-file audits as this audience may see it: sampled, graded, waiting and not done (a row adding
 * up to the files sampled, suppressed together in a channel), then each rubric question's answers.
 */
export function auditFacts(s: CaseAuditSummary, ids: Ids<'weekly'> | Ids<'senior'>, a: Audience): Fact[] {
  if (s.sampled === 0) return [];
  const status = figureRow(ids.done, [s.done, s.waiting, s.notDone], a);
  const facts: Fact[] = [
    { title: 'Case files sampled', value: figureCount(ids.sampled, s.sampled, a).text, figure: ids.sampled as FigureId },
    { title: 'Graded', value: status.cells[0]!.text, figure: ids.done as FigureId },
    { title: 'Waiting (not yet due)', value: status.cells[1]!.text, figure: ids.done as FigureId },
    { title: 'Not done', value: status.cells[2]!.text, figure: ids.notDone as FigureId },
  ];
  for (const q of s.byQuestion) {
    const row = figureRow(ids.grades, GradeSchema.options.map((g) => q.counts[g]), a);
    const value = GradeSchema.options.map((g, i) => `${gradeLabel[g]}: ${row.cells[i]!.text}`).join('; ');
    facts.push({ title: rubricLabel[q.question], value: s.done ? value : 'none graded yet', figure: ids.grades as FigureId });
  }
  return facts;
}

export const auditNotes = (): { text: string }[] => Object.values(AUDIT_DEFINITIONS).map((text) => ({ text }));
