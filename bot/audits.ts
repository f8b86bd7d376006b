import type { AdaptiveCard, Application, TurnState } from '@microsoft/teams-ai';
import { AuditActionSchema, auditVerbs, caseAuditCard } from '../cards/audits-cards';
import type { Card } from '../cards/render';
import { gradeCaseAudit, type CaseAuditFeature } from '../core/audits';
import { DomainError } from '../core/errors';

/** The auditor presses Save: the card back with entries kept and each problem beside its field, or saying it is saved. */
export async function handleAuditAction(actorId: string | undefined, data: unknown, f: CaseAuditFeature): Promise<Card | string> {
  const actor = actorId ? await f.people.get(actorId) : undefined;
  const action = AuditActionSchema.safeParse(data);
  if (!action.success) return "That button is out of date: the audit card I sent you has the current one.";
  const { verb: _verb, month, teamId, childRef, ...values } = action.data;
  try {
    const out = await gradeCaseAudit(f, { actor, key: { month, teamId, childRef }, form: values });
    const link = f.caseRecordUrl(childRef);
    if (!out.ok) return caseAuditCard({ audit: out.audit, caseRecordUrl: link, values, errors: out.errors });
    return caseAuditCard({ audit: out.audit, caseRecordUrl: link, notice: "Saved, thank you. The team's manager sees the answers in their weekly digest; you can change them here." });
  } catch (err) {
    if (err instanceof DomainError && (err.code === 'FORBIDDEN' || err.code === 'NOT_FOUND' || err.code === 'CONFLICT')) return err.code === 'CONFLICT' ? 'Someone saved this audit at the same moment: please press Save again.' : err.message;
    throw err;
  }
}

/** The case-file audit card's button. Registered only when the composition root provides the feature. */
export function registerAudits(app: Application<TurnState>, services: { caseAuditFeature?: CaseAuditFeature }): void {
  const f = services.caseAuditFeature;
  if (!f) return;
  app.adaptiveCards.actionExecute<Record<string, unknown>>([...auditVerbs], async (context, _state, data) => {
    const verb = (context.activity.value as { action?: { verb?: string } } | undefined)?.action?.verb;
    const answer = await handleAuditAction(context.activity.from?.aadObjectId, { ...data, verb }, f);
    return typeof answer === 'string' ? answer : (answer as unknown as AdaptiveCard); // our cards are type 'AdaptiveCard', version 1.5
  });
}
