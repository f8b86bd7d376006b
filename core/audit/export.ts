import { DateTime } from 'luxon';
import { z } from 'zod';
import { LONDON, londonInstant } from '../calendar/working-days';
import { DomainError } from '../errors';
import type { AuditEntry } from '../model/audit';
import type { Person } from '../model/person';
import type { AuditLog } from '../ports';
import { requireAllowed } from '../roles/authorise';
import { toCsv } from './csv';
import type { AuditReader } from './ports';

/** A period as people type it: two London dates, both days included. */
export const PeriodSchema = z
  .object({ from: z.iso.date({ error: 'Give the first day as YYYY-MM-DD.' }), to: z.iso.date({ error: 'Give the last day as YYYY-MM-DD.' }) })
  .refine((p) => p.from <= p.to, { error: 'The first day must not be after the last.', path: ['to'] });
export type Period = z.infer<typeof PeriodSchema>;

/** The instants a London-date period covers: from its first midnight to the midnight after its last day. */
export function periodInstants(p: Period): { from: Date; to: Date } {
  const dayAfter = DateTime.fromISO(p.to, { zone: LONDON }).plus({ days: 1 }).toISODate() as string;
  return { from: londonInstant(p.from), to: londonInstant(dayAfter) };
}

/** Parses a period or throws INVALID naming the field. */
export function parsePeriod(input: unknown): Period {
  const parsed = PeriodSchema.safeParse(input);
  if (!parsed.success) throw new DomainError('INVALID', parsed.error.issues.map((i) => i.message).join(' '), z.flattenError(parsed.error).fieldErrors);
  return parsed.data;
}

export const AUDIT_COLUMNS = ['at', 'actorId', 'action', 'recordType', 'recordId', 'detail'] as const;

export interface AuditExportDeps {
  reader: AuditReader;
  audit: AuditLog;
}

/**
 * The audit trail for a period, for an administrator: the entries and the CSV. Refusals are audited;
 * so is every export (who took a copy of the trail, and of which period).
 */
export async function exportAudit(
  deps: AuditExportDeps,
  req: { actor: Pick<Person, 'id' | 'roles'> | undefined; period: unknown; via: string },
): Promise<{ entries: AuditEntry[]; csv: string; period: Period }> {
  await requireAllowed(req.actor, 'audit.export', {}, { audit: deps.audit });
  const period = parsePeriod(req.period);
  const { from, to } = periodInstants(period);
  const entries = await deps.reader.listBetween(from, to);
  await deps.audit.append({
    actorId: req.actor!.id,
    action: 'audit.exported',
    recordType: 'audit',
    recordId: `${period.from}..${period.to}`,
    detail: { rows: entries.length, via: req.via },
  });
  return { entries, period, csv: toCsv([...AUDIT_COLUMNS], entries) };
}
