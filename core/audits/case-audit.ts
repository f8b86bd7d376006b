import { z } from 'zod';
import { CaseRefSchema } from '../model/child';

/** How the voice on a case file meets one point of the rubric. */
export const GradeSchema = z.enum(['yes', 'partly', 'no', 'cant_tell']);
export type Grade = z.infer<typeof GradeSchema>;
export const gradeLabel: Record<Grade, string> = { yes: 'Yes', partly: 'Partly', no: 'No', cant_tell: "Can't tell" };

/** The rubric: four questions about the child's voice on the case file. */
export const RUBRIC = ['viewsRecorded', 'ownWords', 'influencedPlan', 'toldOutcome'] as const;
export type RubricQuestion = (typeof RUBRIC)[number];
export const rubricLabel: Record<RubricQuestion, string> = {
  viewsRecorded: "The child's views are recorded, and recent",
  ownWords: "The record has the child's own words",
  influencedPlan: "The child's views influenced the plan",
  toldOutcome: 'The child was told what happened, and why',
};

/** The same questions as the auditor is asked them on the card. */
export const rubricAsk: Record<RubricQuestion, string> = {
  viewsRecorded: "Are the child's views recorded, and recent?",
  ownWords: "Does the record have the child's own words?",
  influencedPlan: "Did the child's views influence the plan?",
  toldOutcome: 'Was the child told what happened, and why?',
};

export const GradesSchema = z.object({ viewsRecorded: GradeSchema, ownWords: GradeSchema, influencedPlan: GradeSchema, toldOutcome: GradeSchema });
export type Grades = z.infer<typeof GradesSchema>;

export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** One child's case file, sampled for one month's audit and assigned to one auditor. */
export const CaseAuditSchema = z.object({
  month: MonthSchema,
  teamId: z.string().min(1).max(64),
  childRef: CaseRefSchema,
  auditorId: z.string().min(1),
  /** Why this auditor: a manager of another team, or the quality-assurance role. */
  auditorKind: z.enum(['other_team_manager', 'qa_auditor']),
  assignedOn: z.iso.date(),
  remindOn: z.iso.date(),
  dueOn: z.iso.date(),
  status: z.enum(['assigned', 'done', 'not_done']),
  /** When the card went to the outbox (a run that stopped before it sends it on the next run). */
  sentAt: z.iso.datetime().optional(),
  remindedAt: z.iso.datetime().optional(),
  notDoneAt: z.iso.datetime().optional(),
  grades: GradesSchema.optional(),
  /** In general terms, passed the PII guard. */
  comment: z.string().max(500).optional(),
  submittedAt: z.iso.datetime().optional(),
});
export type CaseAudit = z.infer<typeof CaseAuditSchema>;

/** The audit's id in the audit trail and the outbox: `<team>:<yyyy-mm>:<child>`. */
export const caseAuditId = (a: Pick<CaseAudit, 'teamId' | 'month' | 'childRef'>): string => `${a.teamId}:${a.month}:${a.childRef}`;
