import type { Clock } from '../clock';
import type { AuditLog } from '../ports';
import type { Purger } from './ports';
import { cutoffs, RECORD_TYPES, type RecordType, type RetentionSettings } from './settings';

export interface PurgeDeps {
  purgers: Partial<Record<RecordType, Purger>>;
  settings: RetentionSettings;
  clock: Clock;
  audit: AuditLog;
  log?: (message: string) => void;
}

export interface PurgeResult {
  /** Rows deleted, by table. */
  deleted: Record<string, number>;
  /** Record types whose purge failed (the others still ran); the next run retries them. */
  failed: RecordType[];
}

/**
 * Deletes everything past its retention, one record type at a time, and writes one audit entry per
 * record type ('retention.purged': counts per table and the cutoff). The audit trail is purged last,
 * so this run's own entries are never among what it deletes.
 */
export async function purgeExpired(deps: PurgeDeps): Promise<PurgeResult> {
  const now = deps.clock.now();
  const before = cutoffs(deps.settings, now);
  const result: PurgeResult = { deleted: {}, failed: [] };
  const order = [...RECORD_TYPES.filter((t) => t !== 'audit'), 'audit' as const];
  for (const type of order) {
    const purge = deps.purgers[type];
    if (!purge) continue;
    try {
      const counts = await purge(before[type]);
      for (const [table, n] of Object.entries(counts)) result.deleted[table] = (result.deleted[table] ?? 0) + n;
      await deps.audit.append({
        actorId: 'system:purge',
        action: 'retention.purged',
        recordType: 'retention',
        recordId: type,
        detail: { before: before[type].toISOString(), deleted: counts },
      });
    } catch (err) {
      // One table's trouble must not keep the others past their retention; the failure is audited too.
      deps.log?.(`purge of ${type} failed: ${(err as Error).message}`);
      result.failed.push(type);
      await deps.audit.append({
        actorId: 'system:purge',
        action: 'retention.failed',
        recordType: 'retention',
        recordId: type,
        detail: { before: before[type].toISOString(), error: (err as Error).message.slice(0, 200) },
      });
    }
  }
  return result;
}
