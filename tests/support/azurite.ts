// Real Azurite Table, Queue and Blob servers, in this process, in memory, on ports the OS picks:
// tests run in parallel, each with its own account. (Azurite has no public API for this: the
// server classes are its own, see PLATFORM-NOTES.md.)
/* eslint-disable @typescript-eslint/no-require-imports */
const TableServer = require('azurite/dist/src/table/TableServer').default;
const TableConfiguration = require('azurite/dist/src/table/TableConfiguration').default;
const QueueServer = require('azurite/dist/src/queue/QueueServer').default;
const QueueConfiguration = require('azurite/dist/src/queue/QueueConfiguration').default;
const BlobServer = require('azurite/dist/src/blob/BlobServer').default;
const BlobConfiguration = require('azurite/dist/src/blob/BlobConfiguration').default;

export const DEV_ACCOUNT = 'devstoreaccount1';
export const DEV_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface RunningAzurite {
  connectionString: string;
  tablePort: number;
  queuePort: number;
  /** Blobs: the nightly table backup writes here (functions/backup.timer.ts). */
  blobPort: number;
  stop(): Promise<void>;
  /** Stops and restarts the table server on the same port with its data gone (an outage). */
  restartTables?(): Promise<void>;
}

const portOf = (server: { getHttpServerAddress(): string }): number =>
  Number(new URL(server.getHttpServerAddress()).port);

async function startTables(port = 0) {
  const cfg = new TableConfiguration('127.0.0.1', port, undefined, ':memory:', false, false, undefined, undefined, false, true, '', '', '', undefined, false, true);
  const server = new TableServer(cfg);
  await server.start();
  return server;
}

export async function startAzurite(): Promise<RunningAzurite> {
  const tables = await startTables();
  const queueCfg = new QueueConfiguration('127.0.0.1', 0, undefined, ':memory:', ':memory:', undefined, false, undefined, false, undefined, false, true, '', '', '', undefined, false, true);
  const queues = new QueueServer(queueCfg);
  await queues.start();
  // Same arguments as the queue's: in memory, API version check skipped (the SDK may be newer than Azurite).
  const blobCfg = new BlobConfiguration('127.0.0.1', 0, undefined, ':memory:', ':memory:', undefined, false, undefined, false, undefined, false, true, '', '', '', undefined, false, true);
  const blobs = new BlobServer(blobCfg);
  await blobs.start();
  const tablePort = portOf(tables);
  const queuePort = portOf(queues);
  const blobPort = portOf(blobs);
  const connectionString =
    `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};` +
    `TableEndpoint=http://127.0.0.1:${tablePort}/${DEV_ACCOUNT};QueueEndpoint=http://127.0.0.1:${queuePort}/${DEV_ACCOUNT};` +
    `BlobEndpoint=http://127.0.0.1:${blobPort}/${DEV_ACCOUNT};`;
  return {
    connectionString,
    tablePort,
    queuePort,
    blobPort,
    async stop() {
      await tables.close();
      await queues.close();
      await blobs.close();
    },
  };
}

/** A unique table-name prefix per test file, so tests can share one account without seeing each other. */
export const uniquePrefix = (): string => `t${Math.random().toString(36).slice(2, 10)}`;
