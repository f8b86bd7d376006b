import { GradeSchema, RUBRIC, type CaseAudit, type Grade, type RubricQuestion } from './case-audit';

/** A set of audits counted: each audit is one child's case file. */
export interface CaseAuditSummary {
  sampled: number;
  done: number;
  /** Not graded, not yet due. */
  waiting: number;
  notDone: number;
  /** For each rubric question, the graded files by answer, in GradeSchema's order (yes, partly, no, can't tell). */
  byQuestion: { question: RubricQuestion; counts: Record<Grade, number> }[];
}

/** Counts audits: done (a late answer included), not done (past due, unanswered), waiting. */
export function summariseCaseAudits(audits: readonly CaseAudit[]): CaseAuditSummary {
  const done = audits.filter((a) => a.status === 'done' && a.grades);
  return {
    sampled: audits.length,
    done: done.length,
    waiting: audits.filter((a) => a.status === 'assigned').length,
    notDone: audits.filter((a) => a.status === 'not_done').length,
    byQuestion: RUBRIC.map((question) => ({
      question,
      counts: Object.fromEntries(GradeSchema.options.map((g) => [g, done.filter((a) => a.grades![question] === g).length])) as Record<Grade, number>,
    })),
  };
}

/** What the digests read: the audits sampled for some months. */
export interface CaseAuditFacts {
  listMonths(months: readonly string[]): Promise<CaseAudit[]>;
}
