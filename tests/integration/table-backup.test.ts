// The nightly table backup and its restore, on Azurite's real Table and Blob services: typed values
// survive the round trip into a new prefix, a rerun the same day overwrites rather than duplicates, a
// backup without its manifest is refused, and the timer runs through the local host's admin API.
import { TableClient, TableServiceClient, type TableEntity } from '@azure/data-tables';
import { BlobServiceClient } from '@azure/storage-blob';
import { BACKUP_CONTAINER, type BackupLine } from '../../adapters/backup/table-backup';
import { createTableStores } from '../../adapters/tables';
import { ConfigSchema } from '../../functions/config';
import { runTableBackup } from '../../functions/table-backup.timer';
import { restoreBackup } from '../../scripts/restore-tables';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { startLocalStack, type LocalStack } from '../support/local-stack';

jest.mock('@azure/functions-core', () => jest.requireActual('../../scripts/functions-core-shim'), { virtual: true });
jest.setTimeout(60_000);

let azurite: RunningAzurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(() => azurite.stop());

// One account for the file, as one storage account serves one environment: each test backs up on its own
// day, so no two share a day's folder and manifest.
let day = 10;
let DATE = '';
let NOW = new Date();
beforeEach(() => {
  day += 1;
  DATE = `2026-11-${day}`;
  NOW = new Date(`${DATE}T01:30:00Z`);
});

function world(prefix = uniquePrefix()) {
  const config = ConfigSchema.parse({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: prefix });
  const tables = { connectionString: azurite.connectionString, prefix };
  const stores = createTableStores(tables);
  const table = async (name: string) => {
    const client = TableClient.fromConnectionString(azurite.connectionString, name, { allowInsecureConnection: true });
    await client.createTable();
    return client;
  };
  const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(BACKUP_CONTAINER);
  return {
    prefix, config, tables, stores, table, container,
    backup: () => {
      const at = NOW;
      return runTableBackup({ config, clock: { now: () => at }, audit: stores.audit });
    },
  };
}

/** Every entity with every property's EDM type, as the service returns them (ETag and Timestamp aside). */
async function typedRows(name: string): Promise<Record<string, unknown>[]> {
  const client = TableClient.fromConnectionString(azurite.connectionString, name, { allowInsecureConnection: true });
  const rows: Record<string, unknown>[] = [];
  for await (const e of client.listEntities<Record<string, unknown>>({ disableTypeConversion: true })) {
    const { etag: _etag, timestamp: _timestamp, ...rest } = e as Record<string, unknown>;
    rows.push(rest);
  }
  return rows;
}

const blobText = async (w: ReturnType<typeof world>, blob: string) => (await w.container.getBlockBlobClient(blob).downloadToBuffer()).toString('utf8');
const tableNames = async (startingWith: string) => {
  const names: string[] = [];
  for await (const t of TableServiceClient.fromConnectionString(azurite.connectionString, { allowInsecureConnection: true }).listTables()) {
    if (t.name?.startsWith(startingWith)) names.push(t.name);
  }
  return names;
};

/** Two tables of the app's prefix: one with every EDM type, one with more than a batch in one partition. */
async function seed(w: ReturnType<typeof world>) {
  const typed = await w.table(`${w.prefix}Typed`);
  const every: TableEntity<Record<string, unknown>> = {
    partitionKey: 'p|1',
    rowKey: 'all-types',
    text: 'a "quoted" line\nwith a newline and é',
    flag: true,
    off: false,
    small: 42,
    negative: -7,
    fraction: 2.5,
    big: { value: '9007199254740993', type: 'Int64' }, // beyond a JS number's exact range
    when: { value: '2026-01-02T03:04:05.1234567Z', type: 'DateTime' }, // all seven fractional digits
    id: { value: '0f8fad5b-d9cb-469f-a165-70867728950e', type: 'Guid' },
    bytes: new Uint8Array([0, 1, 2, 254, 255]),
  };
  await typed.upsertEntity(every, 'Replace');
  await typed.upsertEntity({ partitionKey: 'p|2', rowKey: 'second', text: 'other partition', big: { value: '-1', type: 'Int64' } }, 'Replace');
  const many = await w.table(`${w.prefix}Many`);
  const rows = Array.from({ length: 230 }, (_, i) => ({ partitionKey: i < 210 ? 'big' : 'small', rowKey: String(i).padStart(4, '0'), n: i }));
  for (let i = 0; i < rows.length; i += 100) {
    const slice = rows.slice(i, i + 100);
    for (const p of new Set(slice.map((r) => r.partitionKey))) {
      await many.submitTransaction(slice.filter((r) => r.partitionKey === p).map((r) => ['upsert', r] as ['upsert', typeof r]));
    }
  }
  return { typed: `${w.prefix}Typed`, many: `${w.prefix}Many` };
}

describe('the nightly table backup', () => {
  it('writes every table of the prefix as JSON lines, then a manifest with the counts, and audits counts only', async () => {
    const w = world();
    const other = world(); // another environment's prefix in the same account stays out of this backup
    await other.table(`${other.prefix}Typed`);
    const names = await seed(w);

    const manifest = await w.backup();

    expect(manifest).toMatchObject({ date: DATE, prefix: w.prefix, startedAt: NOW.toISOString() });
    expect(manifest.tables).toEqual([
      { name: names.many, blob: `${DATE}/${names.many}.jsonl`, entities: 230 },
      { name: names.typed, blob: `${DATE}/${names.typed}.jsonl`, entities: 2 },
    ]);
    const lines = (await blobText(w, `${DATE}/${names.typed}.jsonl`)).trim().split('\n').map((l) => JSON.parse(l) as BackupLine);
    expect(lines[0]).toMatchObject({ PartitionKey: 'p|1', RowKey: 'all-types' });
    expect(lines[0]!.properties).toMatchObject({
      big: { type: 'Int64', value: '9007199254740993' },
      when: { type: 'DateTime', value: '2026-01-02T03:04:05.1234567Z' },
      id: { type: 'Guid', value: '0f8fad5b-d9cb-469f-a165-70867728950e' },
      bytes: { type: 'Binary', value: 'AAEC/v8=' },
      flag: { type: 'Boolean', value: 'true' },
      fraction: { type: 'Double', value: '2.5' },
    });
    expect(JSON.parse(await blobText(w, `${DATE}/manifest.json`))).toEqual(manifest);

    const audit = await w.stores.audit.listForRecord('backup', DATE);
    expect(audit).toEqual([
      expect.objectContaining({ actorId: 'system:backup', action: 'backup.written', detail: expect.objectContaining({ tables: 2, entities: 232 }) }),
    ]);
    // Counts and table names only: no key or value from the rows.
    expect(JSON.stringify(audit[0]!.detail)).not.toMatch(/all-types|quoted|9007199254740993/);
  });

  it('restores a day into a new prefix with every entity equal, EDM types included, and audits the restore there', async () => {
    const w = world();
    const names = await seed(w);
    await w.backup();
    const to = uniquePrefix();

    const result = await restoreBackup({ tables: w.tables, date: DATE, newPrefix: to });

    expect(result.tables).toEqual([
      { name: `${to}Many`, entities: 230 },
      { name: `${to}Typed`, entities: 2 },
    ]);
    for (const name of [names.typed, names.many]) {
      const restored = await typedRows(to + name.slice(w.prefix.length));
      expect(restored).toEqual(await typedRows(name));
    }
    const typed = await typedRows(`${to}Typed`);
    expect(typed[0]).toMatchObject({ big: { type: 'Int64', value: '9007199254740993' }, when: { type: 'DateTime', value: '2026-01-02T03:04:05.1234567Z' } });
    const restoredAudit = createTableStores({ connectionString: azurite.connectionString, prefix: to }).audit;
    expect(await restoredAudit.listForRecord('backup', DATE)).toEqual([
      expect.objectContaining({ actorId: 'system:restore', action: 'backup.restored', detail: { fromPrefix: w.prefix, toPrefix: to, tables: 2, entities: 232 } }),
    ]);
  });

  it('run again the same day, overwrites the same blobs with what the tables hold now: nothing twice', async () => {
    const w = world();
    const names = await seed(w);
    await w.backup();
    const typed = await w.table(names.typed);
    await typed.upsertEntity({ partitionKey: 'p|2', rowKey: 'second', text: 'changed since the first run' }, 'Replace');

    const again = await w.backup();

    const blobs: string[] = [];
    for await (const b of w.container.listBlobsFlat({ prefix: `${DATE}/${w.prefix}` })) blobs.push(b.name);
    // The first run's audit entry made an Audit table, which the second run backs up too.
    expect(blobs.sort()).toEqual([`${DATE}/${w.prefix}Audit.jsonl`, `${DATE}/${names.many}.jsonl`, `${DATE}/${names.typed}.jsonl`]);
    const manyLines = (await blobText(w, `${DATE}/${names.many}.jsonl`)).trim().split('\n');
    expect(manyLines).toHaveLength(230);
    expect(new Set(manyLines.map((l) => (JSON.parse(l) as BackupLine).RowKey)).size).toBe(230);
    expect(await blobText(w, `${DATE}/${names.typed}.jsonl`)).toContain('changed since the first run');
    expect(again.tables.map((t) => t.entities)).toEqual([1, 230, 2]);
  });

  it('refuses to restore a day without its manifest, or over the tables it came from', async () => {
    const w = world();
    await seed(w);
    await w.backup();
    const to = uniquePrefix();

    await expect(restoreBackup({ tables: w.tables, date: DATE, newPrefix: w.prefix })).rejects.toThrow(/never over them/);
    await w.container.getBlockBlobClient(`${DATE}/manifest.json`).delete();
    await expect(restoreBackup({ tables: w.tables, date: DATE, newPrefix: to })).rejects.toThrow(new RegExp(`No manifest\\.json for ${DATE}`));
    await expect(restoreBackup({ tables: w.tables, date: '2026-10-01', newPrefix: to })).rejects.toThrow(/No manifest\.json/);
    expect(await tableNames(to)).toEqual([]); // nothing was written
  });
});

describe('the backup timer in the local host', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack({ azurite });
  });
  afterAll(() => stack?.stop());

  it('runs now with POST /admin/functions/tableBackup and writes today\'s manifest', async () => {
    const { host, lines, prefix } = stack;
    expect(host.functions.find((f) => f.name === 'tableBackup')).toMatchObject({ kind: 'timer', schedule: '0 30 1 * * *' });
    const w = world(prefix);
    await w.table(`${prefix}Typed`);
    const res = await stack.runNow('tableBackup');
    expect(res.status).toBe(202);
    await stack.waitFor(() => lines.some((l) => /^\[tableBackup\] (succeeded|failed)/.test(l)), 20_000);
    expect(lines.filter((l) => l.startsWith('[tableBackup] failed'))).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    const manifest = JSON.parse(await blobText(w, `${today}/manifest.json`)) as { prefix: string };
    expect(manifest.prefix).toBe(prefix);
  });
});
