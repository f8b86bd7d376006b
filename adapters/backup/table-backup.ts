import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import type { TableClient, TableEntity, TransactionAction } from '@azure/data-tables';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { serviceClient, tableClient, type TablesConfig } from '../tables/client';
import { statusOf } from '../tables/entity';

/**
 * The nightly backup of the tables (Table Storage has no point-in-time restore) and its restore.
 * `table-backups/<yyyy-mm-dd>/<table>.jsonl`: one entity per line, every property with its EDM type,
 * so Int64, DateTime (all 7 fractional digits), Guid and Binary come back exactly as they were;
 * `manifest.json`, written last, says the day's backup is whole.
 */
export const BACKUP_CONTAINER = 'table-backups';
export const MANIFEST = 'manifest.json';
const FORMAT = 'golden-thread-table-backup/1';

export type EdmType = 'String' | 'Boolean' | 'Int32' | 'Int64' | 'Double' | 'DateTime' | 'Guid' | 'Binary';
/** One line of a `.jsonl`: values as the service's JSON gives them, as text, beside their type. */
export interface BackupLine {
  PartitionKey: string;
  RowKey: string;
  properties: Record<string, { type: EdmType; value: string }>;
}

export interface BackupManifest {
  format: typeof FORMAT;
  /** The UTC date the backup was taken: its folder. */
  date: string;
  /** TABLE_PREFIX of the tables it holds. */
  prefix: string;
  startedAt: string;
  finishedAt: string;
  tables: { name: string; blob: string; entities: number }[];
}

/** Blobs by the same route as the tables: the managed identity in Azure, the connection string locally. */
export function backupContainer(config: TablesConfig): ContainerClient {
  if (config.identity) {
    if (!config.identity.blobServiceUri) throw new Error('STORAGE_CONNECTION__blobServiceUri is not set: the table backup needs the blob endpoint');
    return new BlobServiceClient(config.identity.blobServiceUri, config.identity.credential).getContainerClient(BACKUP_CONTAINER);
  }
  return BlobServiceClient.fromConnectionString(config.connectionString).getContainerClient(BACKUP_CONTAINER);
}

/**
 * The app's tables: every table whose name starts with the prefix. Listed, not named in code, so a table
 * added later is backed up without anyone remembering to. The Functions runtime's own tables
 * (AzureFunctionsDiagnosticEvents...) can share the account and are not the app's.
 */
export async function appTables(config: TablesConfig): Promise<string[]> {
  const prefix = config.prefix ?? '';
  const names: string[] = [];
  for await (const t of serviceClient(config).listTables()) {
    if (t.name && t.name.startsWith(prefix) && !t.name.startsWith('AzureFunctions')) names.push(t.name);
  }
  return names.sort();
}

const SYSTEM = new Set(['partitionKey', 'rowKey', 'etag', 'timestamp']);

/**
 * An entity as the SDK returns it with `disableTypeConversion` (`{ value, type }` per property), as a line.
 * A Double holding a whole number comes back from the service as Int32 (its JSON carries no type for it);
 * the app writes numbers from JSON, so such a value was stored as Int32 in the first place.
 */
export function toLine(entity: Record<string, unknown>): BackupLine {
  const properties: BackupLine['properties'] = {};
  for (const [name, v] of Object.entries(entity)) {
    if (SYSTEM.has(name) || name.startsWith('odata.')) continue;
    const typed = v as { value: unknown; type: EdmType };
    properties[name] = { type: typed.type, value: String(typed.value) };
  }
  return { PartitionKey: String(entity.partitionKey), RowKey: String(entity.rowKey), properties };
}

/** A line back as an entity the SDK writes with the same EDM types. */
export function fromLine(line: BackupLine): TableEntity<Record<string, unknown>> {
  const entity: TableEntity<Record<string, unknown>> = { partitionKey: line.PartitionKey, rowKey: line.RowKey };
  for (const [name, { type, value }] of Object.entries(line.properties)) {
    if (type === 'String') entity[name] = value;
    else if (type === 'Boolean') entity[name] = { value: value === 'true', type };
    else if (type === 'Int32') entity[name] = { value: Number(value), type };
    // NaN and the infinities travel as text, as OData writes them.
    else if (type === 'Double') entity[name] = { value: Number.isFinite(Number(value)) ? Number(value) : value, type };
    else entity[name] = { value, type }; // Int64, DateTime, Guid, Binary (base64): text with their type
  }
  return entity;
}

async function* linesOf(client: TableClient, counted: { entities: number }): AsyncGenerator<string> {
  // Page by page as the service returns them (1,000 at most), so a big table never sits in memory whole.
  for await (const e of client.listEntities<Record<string, unknown>>({ disableTypeConversion: true })) {
    counted.entities += 1;
    yield `${JSON.stringify(toLine(e))}\n`;
  }
}

export interface BackupDeps {
  tables: TablesConfig;
  container: ContainerClient;
  now: () => Date;
}

/**
 * Writes every app table to `<date>/<table>.jsonl`, then the manifest. Run again the same day, it
 * overwrites the same blobs (the day's manifest is removed first, so a rerun that stops half-way
 * leaves a folder without one, which restore refuses).
 */
export async function backupTables(deps: BackupDeps): Promise<BackupManifest> {
  const started = deps.now();
  const date = started.toISOString().slice(0, 10);
  await deps.container.createIfNotExists();
  await deps.container.getBlockBlobClient(`${date}/${MANIFEST}`).deleteIfExists();
  const tables: BackupManifest['tables'] = [];
  for (const name of await appTables(deps.tables)) {
    const client = await tableClient({ ...deps.tables, prefix: '' }, name);
    const counted = { entities: 0 };
    const blob = `${date}/${name}.jsonl`;
    // Streamed in 4 MB blocks, committed at the end: a blob is either the whole table or the old one.
    await deps.container.getBlockBlobClient(blob).uploadStream(Readable.from(linesOf(client, counted)), 4 * 1024 * 1024, 2, {
      blobHTTPHeaders: { blobContentType: 'application/x-ndjson' },
    });
    tables.push({ name, blob, entities: counted.entities });
  }
  const manifest: BackupManifest = {
    format: FORMAT,
    date,
    prefix: deps.tables.prefix ?? '',
    startedAt: started.toISOString(),
    finishedAt: deps.now().toISOString(),
    tables,
  };
  const body = JSON.stringify(manifest, null, 2);
  await deps.container.getBlockBlobClient(`${date}/${MANIFEST}`).upload(body, Buffer.byteLength(body), {
    blobHTTPHeaders: { blobContentType: 'application/json' },
  });
  return manifest;
}

/** The day's manifest; undefined when that backup never finished (or never ran). */
export async function readManifest(container: ContainerClient, date: string): Promise<BackupManifest | undefined> {
  try {
    const buffer = await container.getBlockBlobClient(`${date}/${MANIFEST}`).downloadToBuffer();
    return JSON.parse(buffer.toString('utf8')) as BackupManifest;
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw err;
  }
}

export interface RestoreOptions {
  container: ContainerClient;
  date: string;
  /** Where to write: the same account, tables named with `prefix` instead of the backup's. */
  to: TablesConfig & { prefix: string };
  log?: (line: string) => void;
}

// A transaction holds at most 100 entities and 4 MB; 2 MB leaves room for the batch's own framing.
const BATCH_ENTITIES = 100;
const BATCH_BYTES = 2 * 1024 * 1024;

/**
 * Restores one day's backup into tables with a new prefix, never over the tables it was taken from:
 * check the copy, then switch TABLE_PREFIX to it. Upserts (Replace) in transactions of up to 100
 * entities of one partition, so running it again into the same prefix converges.
 */
export async function restoreTables(o: RestoreOptions): Promise<{ tables: { name: string; entities: number }[] }> {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(o.to.prefix)) throw new Error('The new prefix must be letters and digits, starting with a letter');
  const manifest = await readManifest(o.container, o.date);
  if (!manifest) throw new Error(`No ${MANIFEST} for ${o.date}: that backup did not finish (or never ran); refusing to restore it`);
  if (o.to.prefix === manifest.prefix) throw new Error(`The new prefix is the backup's own (${manifest.prefix}): restore beside the live tables, never over them`);
  const targets = manifest.tables.map((t) => ({ ...t, target: o.to.prefix + t.name.slice(manifest.prefix.length) }));
  const clash = targets.filter((t) => manifest.tables.some((s) => s.name === t.target));
  if (clash.length) throw new Error(`The new prefix would write into tables the backup came from (${clash.map((t) => t.target).join(', ')})`);

  const restored: { name: string; entities: number }[] = [];
  for (const t of targets) {
    const client = await tableClient({ ...o.to, prefix: '' }, t.target);
    const download = await o.container.getBlockBlobClient(t.blob).download();
    let batch: TransactionAction[] = [];
    let bytes = 0;
    let partition: string | undefined;
    let entities = 0;
    const flush = async () => {
      if (batch.length) await client.submitTransaction(batch);
      batch = [];
      bytes = 0;
    };
    // Lines come in PartitionKey order (as the service listed them), so a partition's rows are together.
    for await (const text of createInterface({ input: download.readableStreamBody!, crlfDelay: Infinity })) {
      if (!text.trim()) continue;
      const line = JSON.parse(text) as BackupLine;
      const size = Buffer.byteLength(text); // bytes, not characters: the 4 MB limit is on the request body
      if (line.PartitionKey !== partition || batch.length === BATCH_ENTITIES || bytes + size > BATCH_BYTES) await flush();
      partition = line.PartitionKey;
      batch.push(['upsert', fromLine(line), 'Replace']);
      bytes += size;
      entities += 1;
    }
    await flush();
    if (entities !== t.entities) throw new Error(`${t.blob} holds ${entities} entities, the manifest says ${t.entities}`);
    o.log?.(`${t.target}: ${entities} entities`);
    restored.push({ name: t.target, entities });
  }
  return { tables: restored };
}
