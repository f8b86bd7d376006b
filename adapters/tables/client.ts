import { TableClient, TableServiceClient } from '@azure/data-tables';
import type { TokenCredential } from '@azure/core-auth';

/** How every store reaches Table Storage: one connection string, table names prefixed per environment. */
export interface TablesConfig {
  connectionString: string;
  /** Prefix for table names (letters and digits), so tests and environments can share an account. */
  prefix?: string;
  /**
   * Azure: identity-based access (the STORAGE_CONNECTION__* settings), no account key anywhere. When set,
   * `connectionString` is not used.
   */
  identity?: {
    tableServiceUri: string;
    queueServiceUri: string;
    /** Blobs: only the nightly table backup uses them (`adapters/backup/`). */
    blobServiceUri?: string;
    credential: TokenCredential;
  };
}

const created = new Map<string, Promise<void>>();

const insecure = (config: TablesConfig): boolean =>
  config.identity
    ? config.identity.tableServiceUri.startsWith('http://')
    : config.connectionString.includes('http://') || config.connectionString.includes('UseDevelopmentStorage');

/** A client for one table; the table is created once per process on first use. */
export async function tableClient(config: TablesConfig, name: string): Promise<TableClient> {
  const tableName = `${config.prefix ?? ''}${name}`;
  // Few, quick retries: a card submit must be answered within Teams' 5 s, so a storage outage has to
  // surface in about a second (timers simply run again); the SDK's default waits far longer.
  const options = { allowInsecureConnection: insecure(config), retryOptions: { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 800 } };
  const client = config.identity
    ? new TableClient(config.identity.tableServiceUri, tableName, config.identity.credential, options)
    : TableClient.fromConnectionString(config.connectionString, tableName, options);
  const cacheKey = `${config.identity?.tableServiceUri ?? config.connectionString}|${tableName}`;
  if (!created.has(cacheKey)) {
    created.set(
      cacheKey,
      client.createTable().catch((err: unknown) => {
        created.delete(cacheKey);
        throw err;
      }),
    );
  }
  await created.get(cacheKey);
  return client;
}

export const serviceClient = (config: TablesConfig): TableServiceClient =>
  config.identity
    ? new TableServiceClient(config.identity.tableServiceUri, config.identity.credential, { allowInsecureConnection: insecure(config) })
    : TableServiceClient.fromConnectionString(config.connectionString, { allowInsecureConnection: insecure(config) });
