import { z } from 'zod';
import { DomainError } from '../../errors';
import type { AuditLog } from '../../ports';
import type { Promise_ } from '../../model/promises';
import { AuditVerdictValues, type PromiseAuditStore, type TextGuard } from '../ports';

/** What the audit card says back, read by the young people at the meeting: each within their reading age (tested). */
export const CICC_AUDIT_WORDS = {
  names: 'Please take out names and other details that could show who someone is.',
  nothingChosen: 'Please choose kept, partly or not yet for at least one promise.',
  thanks: (n: number) => `Saved: ${n} promise${n === 1 ? '' : 's'} checked. Thank you! Your answers go to the people in charge at the council.`,
} as const;

export const PromiseAuditEntrySchema = z.object({
  promiseId: z.string().min(1),
  verdict: z.enum(AuditVerdictValues),
  comment: z.string().trim().max(500).default(''),
});

/**
 * Stores the CICC's audit of each promise for one meeting, with who and when: a second save adds to the
 * first, never replaces it (the board reads the latest, core/digests/cpb/cpb.ts). Comments go to the board,
 * so each must pass the PII guard: problems come back per promise, and nothing is saved. Audited.
 */
export async function recordCiccAudit(
  deps: { store: PromiseAuditStore; guard: TextGuard; promises: readonly Promise_[]; audit?: Pick<AuditLog, 'append'> },
  input: { occurrenceId: string; byId: string; at: Date; entries: readonly unknown[] },
): Promise<{ saved: number }> {
  const problems: Record<string, string> = {};
  const entries = input.entries.flatMap((raw) => {
    const parsed = PromiseAuditEntrySchema.safeParse(raw);
    if (!parsed.success) return [];
    const e = parsed.data;
    if (!deps.promises.some((p) => p.id === e.promiseId)) problems[e.promiseId] = 'This promise is not in the list.';
    else if (e.comment && !deps.guard.isShareable(e.comment)) problems[e.promiseId] = CICC_AUDIT_WORDS.names;
    return [e];
  });
  if (entries.length === 0) throw new DomainError('INVALID', CICC_AUDIT_WORDS.nothingChosen);
  if (Object.keys(problems).length) throw new DomainError('INVALID', 'Some comments need changing.', problems);
  for (const e of entries)
    await deps.store.save({ occurrenceId: input.occurrenceId, promiseId: e.promiseId, verdict: e.verdict, comment: e.comment, at: input.at.toISOString(), byId: input.byId });
  await deps.audit?.append({
    actorId: input.byId, action: 'cicc.audit.recorded', recordType: 'cicc-audit', recordId: input.occurrenceId, at: input.at.toISOString(),
    detail: { answers: entries.map((e) => ({ promiseId: e.promiseId, verdict: e.verdict })) },
  });
  return { saved: entries.length };
}
