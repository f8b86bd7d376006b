import { TableClient, TableServiceClient } from '@azure/data-tables';

/** How every store reaches Table Storage: one connection string, table names prefixed per environment. */
export interface TablesConfig {
  connectionString: string;
  /** Prefix for table names (letters and digits), so tests and environments can share an account. */
  prefix?: string;
}

const created = new Map<string, Promise<void>>();

/** A client for one table; the table is created once per process on first use. */
export async function tableClient(config: TablesConfig, name: string): Promise<TableClient> {
  const tableName = `${config.prefix ?? ''}${name}`;
  const insecure = config.connectionString.includes('http://') || config.connectionString.includes('UseDevelopmentStorage');
  const client = TableClient.fromConnectionString(config.connectionString, tableName, {
    allowInsecureConnection: insecure,
  });
  const cacheKey = `${config.connectionString}|${tableName}`;
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
  TableServiceClient.fromConnectionString(config.connectionString, {
    allowInsecureConnection: config.connectionString.includes('http://'),
  });
