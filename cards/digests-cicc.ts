import { z } from 'zod';
import type { AuditCardView, CiccDigestView } from '../core/digests';
import digestTemplate from './cicc-digest.json';
import auditTemplate from './cicc-audit.json';
import { fitCards } from './digests-fit';
import { renderCard, type Card } from './render';

/** The CICC digest as one or more cards (the other things young people helped with move to later parts if it is too long). */
export function ciccDigestCards(view: CiccDigestView): Card[] {
  return fitCards(view.examples, (examples, part) =>
    renderCard(digestTemplate, { ...view, examples, title: part ? `${view.title} (part ${part.index} of ${part.of})` : view.title }),
  );
}

/** The audit card: for each promise, kept / partly / not yet, and why. Entries are kept when it comes back with a problem. */
export const ciccAuditCard = (view: AuditCardView): Card => renderCard(auditTemplate, view);

/** The data the audit card submits: `verdict-<promiseId>` and `comment-<promiseId>` for each promise. */
export const CiccAuditSubmitSchema = z
  .object({ verb: z.literal('cicc.audit'), occurrenceId: z.string().min(1).max(100) })
  .catchall(z.string().max(1000).optional());
export type CiccAuditSubmit = z.infer<typeof CiccAuditSubmitSchema>;

/** The per-promise answers in a submission (a promise left blank is skipped). */
export function auditEntries(data: CiccAuditSubmit): { promiseId: string; verdict: string; comment: string }[] {
  return Object.entries(data)
    .filter(([k, v]) => k.startsWith('verdict-') && typeof v === 'string' && v !== '')
    .map(([k, v]) => ({ promiseId: k.slice('verdict-'.length), verdict: v as string, comment: (data[`comment-${k.slice('verdict-'.length)}`] ?? '').trim() }));
}
