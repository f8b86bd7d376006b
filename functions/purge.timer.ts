import { app, type InvocationContext, type Timer } from '@azure/functions';
import { purgeExpired, type PurgeResult } from '../core/retention';
import { loadServices } from './lazy';
import type { Services } from './wiring/services';

/** One purge over the app's tables with the configured retention (tests pass their own services). */
export async function runPurge(s: Pick<Services, 'config' | 'clock' | 'audit'>, log?: (m: string) => void): Promise<PurgeResult> {
  // The table SDK loads with the first purge, not when the app starts (lazy.ts).
  const [{ tablePurgers }, { tablesConfigOf }] = await Promise.all([import('../adapters/tables/retention'), import('./wiring/storage-config')]);
  return purgeExpired({ purgers: tablePurgers(tablesConfigOf(s.config)), settings: s.config.RETENTION_JSON, clock: s.clock, audit: s.audit, log });
}

/**
 * Daily at 02:00 UTC (the quiet hour, in GMT and BST alike): deletes what is past its retention
 * (docs/retention.md) and audits the counts per table. A failed table is retried the next night.
 */
export async function purge(_timer: Timer | unknown, context: InvocationContext): Promise<void> {
  const result = await runPurge(await loadServices(), (m) => context.warn(m));
  context.log(`purge (invocation ${context.invocationId}): ${JSON.stringify(result)}`);
  if (result.failed.length) throw new Error(`purge failed for ${result.failed.join(', ')}: see the audit trail`);
}

app.timer('purge', { schedule: '0 0 2 * * *', runOnStartup: false, handler: purge });
