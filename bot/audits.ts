import type { Application, TurnState } from '@microsoft/teams-ai';
import { AuditActionSchema, auditVerbs, caseAuditCard } from '../cards/audits-cards';
import { gradeCaseAudit, type CaseAuditFeature } from '../core/audits';
import { onCardAction, type CardAction } from './card-action';

/** The auditor presses Save: the card back with entries kept and each problem beside its field, or saying it is saved. */
export const auditAction = (f: CaseAuditFeature): CardAction<typeof AuditActionSchema, 'anyone'> => ({
  verbs: auditVerbs,
  schema: AuditActionSchema,
  unreadable: 'That button is out of date: the audit card I sent you has the current one.',
  // Core decides who may grade (only the assigned auditor) and words the refusal; someone unknown is refused there.
  actor: 'anyone',
  people: f.people,
  async handle(action, actor) {
    const { verb: _verb, month, teamId, childRef, ...values } = action;
    const out = await gradeCaseAudit(f, { actor, key: { month, teamId, childRef }, form: values });
    const link = f.caseRecordUrl(childRef);
    if (!out.ok) return caseAuditCard({ audit: out.audit, caseRecordUrl: link, values, errors: out.errors });
    return caseAuditCard({ audit: out.audit, caseRecordUrl: link, notice: "Saved, thank you. The team's manager sees the answers in their weekly digest; you can change them here." });
  },
  refused: async (words, err) => (err.code === 'CONFLICT' ? 'Someone saved this audit at the same moment: please press Save again.' : words),
});

/** The case-file audit card's button. Registered only when the composition root provides the feature. */
export function registerAudits(app: Application<TurnState>, features: { audits?: CaseAuditFeature }): void {
  if (features.audits) onCardAction(app, auditAction(features.audits));
}
