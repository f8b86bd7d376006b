import { z } from 'zod';
import { requireAllowed } from '../roles/authorise';
import { DomainError } from '../errors';
import type { Person } from '../model/person';
import type { TrackerDeps } from './deps';
import type { ProgressResult } from './progress';
import { hardFields, needsRewording } from './reading';
import { fieldErrors } from './validate';
import type { TrackerItem } from './item';

export const RewordInputSchema = z.object({
  youSaid: z.string().trim().min(3, 'Please say what was asked for, in general terms.').max(500, 'Please keep this under 500 characters.'),
  outcome: z.string().trim().min(3, 'Please say what happened.').max(1000, 'Please keep this under 1000 characters.').optional(),
});

/**
 * A participation officer rewords an item the CICC digest could not quote. The new words must pass the
 * PII guard and the reading-age gate (no "save anyway" here: this is the plainer version); the audit keeps the old.
 */
export async function rewordItem(deps: TrackerDeps, o: { actor: Person; id: string; input: unknown }): Promise<ProgressResult> {
  await requireAllowed(o.actor, 'tracker.reword', {}, { audit: deps.audit });
  const got = await deps.items.get(o.id);
  if (!got) throw new DomainError('NOT_FOUND', 'That action was not found.');
  const { value: item, etag } = got;
  const parsed = RewordInputSchema.safeParse(o.input);
  if (!parsed.success) return { kind: 'invalid', errors: fieldErrors(parsed.error) };
  const { youSaid, outcome } = parsed.data;
  const texts = { youSaid, ...(item.outcome && outcome ? { outcome } : {}) };
  const findings = Object.fromEntries(Object.entries(texts).flatMap(([k, t]) => (deps.pii(t).length ? [[k, deps.pii(t)]] : [])));
  if (Object.keys(findings).length) return { kind: 'pii', findings };
  const hard = hardFields(texts);
  if (Object.keys(hard).length) return { kind: 'hard', reading: hard };
  const at = deps.clock.now().toISOString();
  const next: TrackerItem = { ...item, youSaid, updatedAt: at };
  if (item.outcome && outcome) next.outcome = item.outcome.kind === 'done' ? { kind: 'done', weDid: outcome } : { kind: 'not_possible', why: outcome };
  next.needsRewording = needsRewording(next);
  await deps.items.update(next, etag);
  await deps.audit.append({
    actorId: o.actor.id,
    action: 'tracker.reworded',
    recordType: 'tracker-item',
    recordId: item.id,
    at,
    detail: { before: { youSaid: item.youSaid, outcome: item.outcome }, after: texts },
  });
  return { kind: 'updated', item: next };
}
