import { DateTime } from 'luxon';
import { z } from 'zod';
import { GradeSchema, gradeLabel, rubricAsk, type CaseAudit } from '../core/audits';
import { LONDON } from '../core/calendar';
import template from './case-audit.json';
import { renderCard, type Card } from './render';

// Teams sends every input as a string, and a blank template field as " ".
const text = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(1000).optional());

/** The audit card's one button and what it sends: which audit, and the answers as typed. */
export const auditVerbs = ['audit.submit'] as const;
export const AuditActionSchema = z.discriminatedUnion('verb', [
  z.object({
    verb: z.literal('audit.submit'),
    month: z.string().regex(/^\d{4}-\d{2}$/),
    teamId: z.string().min(1).max(64),
    childRef: z.string().min(1).max(40),
    viewsRecorded: text,
    ownWords: text,
    influencedPlan: text,
    toldOutcome: text,
    comment: text,
  }),
]);
export type AuditAction = z.infer<typeof AuditActionSchema>;

export interface CaseAuditCardView {
  audit: Pick<CaseAudit, 'month' | 'teamId' | 'childRef' | 'dueOn' | 'grades' | 'comment'>;
  caseRecordUrl: string;
  kind?: 'assigned' | 'reminder';
  values?: Record<string, string | undefined>;
  errors?: Record<string, string>;
  notice?: string;
}

const day = (iso: string) => DateTime.fromISO(iso, { zone: LONDON }).toFormat('cccc d LLLL yyyy');
const monthName = (month: string) => DateTime.fromISO(`${month}-01`, { zone: LONDON }).toFormat('LLLL yyyy');

/** The auditor's card: the case by reference only, the four questions, a comment in general terms. */
export function caseAuditCard(v: CaseAuditCardView): Card {
  const a = v.audit;
  const saved = { ...(a.grades ?? {}), ...(a.comment ? { comment: a.comment } : {}) };
  return renderCard(template, {
    heading: v.kind === 'reminder' ? 'Reminder: a case file to audit' : "A case file to audit for the child's voice",
    intro: `This case was picked at random for ${monthName(a.month)}'s audit. Open it in the case system, then answer from what the record shows.`,
    childRef: a.childRef,
    due: day(a.dueOn),
    notice: v.notice ?? '',
    hasErrors: !!v.errors && Object.keys(v.errors).length > 0,
    errors: v.errors ?? {},
    values: { viewsRecorded: '', ownWords: '', influencedPlan: '', toldOutcome: '', comment: '', ...saved, ...(v.values ?? {}) },
    labels: rubricAsk,
    gradeChoices: GradeSchema.options.map((g) => ({ title: gradeLabel[g], value: g })),
    saveTitle: a.grades ? 'Update the audit' : 'Save the audit',
    month: a.month,
    teamId: a.teamId,
    caseRecordUrl: v.caseRecordUrl,
  });
}
