// Restores one night's table backup into tables with a NEW prefix, beside the live ones (docs/deploy.md,
// section 9). `npm run build && node dist/scripts/restore-tables.js <yyyy-mm-dd> <new prefix>`, with the
// app's storage settings in the environment: STORAGE_CONNECTION locally; in Azure the
// STORAGE_CONNECTION__tableServiceUri/__queueServiceUri/__blobServiceUri of the account, signed in
// with `az login` as someone with Storage Table Data Contributor and Storage Blob Data Reader.
import { DefaultAzureCredential } from '@azure/identity';
import { backupContainer, restoreTables } from '../adapters/backup/table-backup';
import { buildStores } from '../adapters/tables';
import type { TablesConfig } from '../adapters/tables/client';
import { loadConfig } from '../functions/config';
import { tablesConfigOf } from '../functions/wiring/storage-config';

export interface RestoreRun {
  tables: TablesConfig;
  date: string;
  newPrefix: string;
  log?: (line: string) => void;
}

/** Restores, then records it in the restored audit trail: the one that becomes live when TABLE_PREFIX is switched. */
export async function restoreBackup(run: RestoreRun): Promise<{ tables: { name: string; entities: number }[] }> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(run.date)) throw new Error(`The date must be yyyy-mm-dd, the backup's folder (got "${run.date}")`);
  const to = { ...run.tables, prefix: run.newPrefix };
  const result = await restoreTables({ container: backupContainer(run.tables), date: run.date, to, log: run.log });
  const { audit } = buildStores(to);
  await audit.append({
    actorId: 'system:restore',
    action: 'backup.restored',
    recordType: 'backup',
    recordId: run.date,
    detail: { fromPrefix: run.tables.prefix ?? '', toPrefix: run.newPrefix, tables: result.tables.length, entities: result.tables.reduce((n, t) => n + t.entities, 0) },
  });
  return result;
}

if (require.main === module) {
  const [date, newPrefix] = process.argv.slice(2);
  if (!date || !newPrefix) {
    console.error('usage: node dist/scripts/restore-tables.js <yyyy-mm-dd> <new table prefix>');
    process.exit(2);
  }
  const config = loadConfig();
  const tables = tablesConfigOf(config);
  // A person runs this, not the app: in Azure they sign in with the Azure CLI rather than as the app's identity.
  const asPerson: TablesConfig =
    tables.identity && config.STORAGE_CONNECTION__credential !== 'managedidentity' ? { ...tables, identity: { ...tables.identity, credential: new DefaultAzureCredential() } } : tables;
  restoreBackup({ tables: asPerson, date, newPrefix, log: (line) => console.log(`[restore] ${line}`) })
    .then((r) => console.log(`[restore] ${r.tables.length} tables restored with prefix ${newPrefix}: check them, then set TABLE_PREFIX=${newPrefix}`))
    .catch((err: Error) => {
      console.error(`[restore] ${err.message}`);
      process.exit(1);
    });
}
