import { z } from 'zod';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { Person } from '../model/person';
import type { PiiScan } from '../pii/general-terms';
import { piiKindLabel } from '../pii/kinds';
import type { AuditLog } from '../ports';
import { requireAllowed } from '../roles';
import { caseAuditId, GradeSchema, RUBRIC, type CaseAudit } from './case-audit';
import type { CaseAuditStore } from './ports';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && !v.trim() ? undefined : v);
const grade = (missing: string) => z.preprocess(blankToUndefined, GradeSchema.optional()).refine((v) => v !== undefined, missing);

/** The card's answers as typed; each message is shown beside its field. */
export const GradeFormSchema = z.object({
  viewsRecorded: grade("Please say whether the child's views are recorded, and recent."),
  ownWords: grade("Please say whether the record has the child's own words."),
  influencedPlan: grade("Please say whether the child's views influenced the plan."),
  toldOutcome: grade('Please say whether the child was told what happened, and why.'),
  comment: z.preprocess(blankToUndefined, z.string().trim().max(500, 'Please keep the comment under 500 characters.').optional()),
});

export interface GradeDeps {
  audits: CaseAuditStore;
  audit: Pick<AuditLog, 'append'>;
  clock: Clock;
  pii: PiiScan;
}

export type AuditKey = Pick<CaseAudit, 'month' | 'teamId' | 'childRef'>;
export type GradeResult = { ok: true; audit: CaseAudit } | { ok: false; errors: Record<string, string>; audit: CaseAudit };

/** The audit, for the person it was assigned to; anyone else is refused (and the refusal audited). */
export async function openCaseAudit(deps: Omit<GradeDeps, 'pii' | 'clock'>, o: { actor: Person | undefined; key: AuditKey }): Promise<CaseAudit> {
  const found = await deps.audits.get(o.key);
  if (!found) throw new DomainError('NOT_FOUND', 'That audit is no longer on file.');
  await requireAllowed(o.actor, 'audit.grade', { recordType: 'case-audit', label: caseAuditId(found.value), auditorIds: [found.value.auditorId] }, { audit: deps.audit });
  return found.value;
}

/** The auditor grades the voice on the case file: every problem beside its field; the comment must pass the PII guard. */
export async function gradeCaseAudit(deps: GradeDeps, o: { actor: Person | undefined; key: AuditKey; form: unknown }): Promise<GradeResult> {
  const audit = await openCaseAudit(deps, o);
  const parsed = GradeFormSchema.safeParse(o.form);
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const i of parsed.error.issues) errors[String(i.path[0] ?? 'viewsRecorded')] ??= i.message;
  const raw = (o.form as { comment?: unknown } | null)?.comment;
  const comment = parsed.success ? parsed.data.comment : typeof raw === 'string' ? raw.trim() || undefined : undefined;
  const found = comment ? deps.pii(comment) : [];
  if (found.length) errors.comment ??= `This seems to identify someone (${[...new Set(found.map((f) => piiKindLabel[f.kind]))].join(', ')}): write it in general terms, without names, places or the child's own words.`;
  if (!parsed.success || Object.keys(errors).length) return { ok: false, errors, audit };
  const d = parsed.data;
  const current = await deps.audits.get(o.key);
  if (!current) throw new DomainError('NOT_FOUND', 'That audit is no longer on file.');
  const at = deps.clock.now().toISOString();
  const grades = Object.fromEntries(RUBRIC.map((q) => [q, d[q]!])) as CaseAudit['grades'];
  const { comment: _old, ...rest } = current.value;
  const next: CaseAudit = { ...rest, status: 'done', grades, ...(d.comment ? { comment: d.comment } : {}), submittedAt: at };
  await deps.audits.update(next, current.etag);
  await deps.audit.append({
    actorId: o.actor!.id,
    action: 'case-audit.graded',
    recordType: 'case-audit',
    recordId: caseAuditId(next),
    at,
    detail: { ...grades, comment: !!d.comment, late: current.value.status === 'not_done', again: current.value.status === 'done' },
  });
  return { ok: true, audit: next };
}
