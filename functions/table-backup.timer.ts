import { app, type InvocationContext, type Timer } from '@azure/functions';
import type { BackupManifest } from '../adapters/backup/table-backup';
import { loadServices } from './lazy';
import type { Services } from './wiring/services';

/**
 * One backup of every app table to table-backups/<UTC date>/ (tests pass their own services), audited
 * with counts only: the tables hold case references and staff ids, the audit entry and logs do not.
 */
export async function runTableBackup(s: Pick<Services, 'config' | 'clock' | 'audit'>): Promise<BackupManifest> {
  // The table and blob SDKs load with the first backup, not when the app starts (lazy.ts).
  const [{ backupContainer, backupTables }, { tablesConfigOf }] = await Promise.all([import('../adapters/backup/table-backup'), import('./wiring/storage-config')]);
  const tables = tablesConfigOf(s.config);
  const date = s.clock.now().toISOString().slice(0, 10);
  try {
    const manifest = await backupTables({ tables, container: backupContainer(tables), now: () => s.clock.now() });
    const entities = manifest.tables.reduce((n, t) => n + t.entities, 0);
    await s.audit.append({
      actorId: 'system:backup',
      action: 'backup.written',
      recordType: 'backup',
      recordId: date,
      detail: { tables: manifest.tables.length, entities, perTable: Object.fromEntries(manifest.tables.map((t) => [t.name, t.entities])), startedAt: manifest.startedAt, finishedAt: manifest.finishedAt },
    });
    return manifest;
  } catch (err) {
    await s.audit.append({
      actorId: 'system:backup',
      action: 'backup.failed',
      recordType: 'backup',
      recordId: date,
      detail: { error: (err as Error).message.slice(0, 200) },
    });
    throw err;
  }
}

/**
 * Daily at 01:30 UTC: before the 02:00 purge (so a purge that deleted too much can be undone from last
 * night's copy) and far from the 08:30 London nudges. docs/deploy.md, section 9.
 */
export async function tableBackup(_timer: Timer | unknown, context: InvocationContext): Promise<void> {
  const manifest = await runTableBackup(await loadServices());
  const entities = manifest.tables.reduce((n, t) => n + t.entities, 0);
  context.log(`table backup (invocation ${context.invocationId}): ${manifest.tables.length} tables, ${entities} entities, ${manifest.date}`);
}

app.timer('tableBackup', { schedule: '0 30 1 * * *', runOnStartup: false, handler: tableBackup });
