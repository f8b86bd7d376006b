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
  /** The bench's count of storage operations (every request these clients send); never set in the app. */
  operations?: StorageOperations;
}

/**
 * Counts the requests sent to Table Storage (one per point read, query page, write or batch; retries not
 * counted) and the sequential round trips among them: a request that starts while another is in flight
 * shares its round trip, so `rounds` is what a caller waits for one after another.
 */
export class StorageOperations {
  total = 0;
  rounds = 0;
  private inFlight = 0;

  reset(): void {
    this.total = 0;
    this.rounds = 0;
  }

  readonly policy = {
    name: 'count-storage-operations',
    sendRequest: async <R>(request: unknown, next: (request: never) => Promise<R>): Promise<R> => {
      this.total++;
      if (this.inFlight++ === 0) this.rounds++;
      try {
        return await next(request as never);
      } finally {
        this.inFlight--;
      }
    },
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
  const options = {
    allowInsecureConnection: insecure(config),
    retryOptions: { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 800 },
    ...(config.operations ? { additionalPolicies: [{ policy: config.operations.policy, position: 'perCall' as const }] } : {}),
  };
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
