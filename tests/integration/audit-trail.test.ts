import { readdirSync, readFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { AUDIT_CONTAINER, auditTrailOf } from '../../adapters/audit';
import { createTableStores, tableClient } from '../../adapters/tables';
import { tablePurgers } from '../../adapters/tables/retention';
import { exportAudit } from '../../core/audit';
import { purgeExpired, RetentionSettingsSchema } from '../../core/retention';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';

jest.setTimeout(30_000);

const root = join(__dirname, '..', '..');
let azurite: RunningAzurite;

interface Call {
  method: string;
  path: string;
  comp: string;
  blobType: string;
  ifNoneMatch: string;
}

/** A recording proxy in front of Azurite's blob server: every request the app makes to the blobs, in order. */
async function recordingProxy(target: number): Promise<{ server: Server; port: number; calls: Call[] }> {
  const calls: Call[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    calls.push({
      method: req.method ?? '',
      path: decodeURIComponent(url.pathname),
      comp: url.searchParams.get('comp') ?? url.searchParams.get('restype') ?? '',
      blobType: String(req.headers['x-ms-blob-type'] ?? ''),
      ifNoneMatch: String(req.headers['if-none-match'] ?? ''),
    });
    const upstream = request({ host: '127.0.0.1', port: target, method: req.method, path: req.url, headers: req.headers }, (up: IncomingMessage) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, port: (server.address() as AddressInfo).port, calls };
}

beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite.stop();
});

const entry = (i: number, at?: string) => ({ actorId: `worker-${i}`, action: 'voice.read', recordType: 'meeting', recordId: `m-${i}`, detail: { childRef: `C-${i}` }, ...(at ? { at } : {}) });

describe('the audit trail nobody can rewrite', () => {
  it('each entry is one more block on the day\'s append blob: the committed block count only grows and what was there stays byte for byte', async () => {
    const tables = { connectionString: azurite.connectionString, prefix: uniquePrefix() };
    const { audit } = createTableStores(tables);
    const at = '2026-11-23T09:15:00.000Z';
    for (let i = 0; i < 3; i++) await audit.append(entry(i, at));
    const blob = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(AUDIT_CONTAINER).getAppendBlobClient(`${tables.prefix}/2026-11-23.jsonl`);
    const before = await blob.getProperties();
    const firstBytes = await blob.downloadToBuffer();
    expect([before.blobType, before.blobCommittedBlockCount]).toEqual(['AppendBlob', 3]);
    for (let i = 3; i < 5; i++) await audit.append(entry(i, at));
    const after = await blob.getProperties();
    expect(after.blobCommittedBlockCount).toBe(5);
    const all = await blob.downloadToBuffer();
    expect(all.subarray(0, firstBytes.length).equals(firstBytes)).toBe(true);
    expect(all.toString('utf8').trim().split('\n').map((l) => (JSON.parse(l) as { recordId: string }).recordId)).toEqual(['m-0', 'm-1', 'm-2', 'm-3', 'm-4']);
    // The per-record index still answers for a record (subject access reads it).
    expect((await audit.listForRecord('meeting', 'm-3')).map((e) => e.action)).toEqual(['voice.read']);
  });

  it('the audit export reads the immutable copy: an entry removed from the table index is still exported', async () => {
    const tables = { connectionString: azurite.connectionString, prefix: uniquePrefix() };
    const { audit } = createTableStores(tables);
    await audit.append(entry(1, '2026-10-05T10:00:00.000Z'));
    await audit.append(entry(2, '2026-10-31T23:30:00.000Z')); // 31 October, 23:30 in London (GMT)
    await audit.append(entry(3, '2026-11-01T00:30:00.000Z')); // 1 November in London: outside the period
    const index = await tableClient(tables, 'Audit');
    for await (const row of index.listEntities()) if (row.recordId === 'm-1') await index.deleteEntity(row.partitionKey!, row.rowKey!);
    expect(await audit.listForRecord('meeting', 'm-1')).toEqual([]);
    const out = await exportAudit({ reader: auditTrailOf(tables), audit }, { actor: { id: 'dpo', roles: ['admin'] }, period: { from: '2026-10-01', to: '2026-10-31' }, via: 'http' });
    expect(out.entries.map((e) => e.recordId)).toEqual(['m-1', 'm-2']);
  });

  it('on Azurite, the audit code only ever creates-if-absent, appends, lists and reads the audit blobs: never an overwrite, an update or a delete, the purge included', async () => {
    const proxy = await recordingProxy(azurite.blobPort);
    try {
      const connectionString = azurite.connectionString.replace(`127.0.0.1:${azurite.blobPort}`, `127.0.0.1:${proxy.port}`);
      const tables = { connectionString, prefix: uniquePrefix() };
      const { audit } = createTableStores(tables);
      for (let i = 0; i < 4; i++) await audit.append(entry(i, `2019-0${i + 1}-10T08:00:00.000Z`)); // long past retention
      await audit.append(entry(9));
      await exportAudit({ reader: auditTrailOf(tables), audit }, { actor: { id: 'dpo', roles: ['admin'] }, period: { from: '2019-01-01', to: '2019-12-31' }, via: 'http' });
      const result = await purgeExpired({
        purgers: tablePurgers(tables),
        settings: RetentionSettingsSchema.parse({}),
        clock: { now: () => new Date('2027-01-01T02:00:00Z') },
        audit,
      });
      expect(result.failed).toEqual([]);
      expect(result.deleted.Audit).toBe(4); // the index rows past retention went...
      const trail = (await auditTrailOf({ connectionString: azurite.connectionString, prefix: tables.prefix }).listBetween(new Date('2019-01-01'), new Date('2030-01-01'))).map((e) => e.recordId);
      expect(trail.filter((id) => /^m-[0-3]$/.test(id))).toEqual(['m-0', 'm-1', 'm-2', 'm-3']); // ...the immutable copy stays

      const onTrail = proxy.calls.filter((c) => c.path.includes(`/${AUDIT_CONTAINER}`));
      expect(onTrail.length).toBeGreaterThan(10);
      const kinds = new Set(
        onTrail.map((c) => {
          if (c.method === 'PUT' && c.comp === 'container') return 'create container';
          if (c.method === 'PUT' && c.comp === 'appendblock') return 'append';
          if (c.method === 'PUT' && c.comp === '' && c.blobType === 'AppendBlob' && c.ifNoneMatch === '*') return 'create blob if absent';
          if (c.method === 'GET' && c.comp === 'list') return 'list';
          if ((c.method === 'GET' || c.method === 'HEAD') && c.comp === '') return 'read';
          return `${c.method} ${c.comp || '-'} ${c.blobType || '-'} ${c.ifNoneMatch || '-'}`;
        }),
      );
      expect([...kinds].sort()).toEqual(['append', 'create blob if absent', 'create container', 'list', 'read']);
    } finally {
      await new Promise((ok) => proxy.server.close(ok));
    }
  });

  it('fails closed: when the trail cannot be written, nothing is indexed and the audited action fails, quickly', async () => {
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, '127.0.0.1', ok));
    const { port } = closed.address() as AddressInfo;
    await new Promise((ok) => closed.close(ok));
    const tables = { connectionString: azurite.connectionString.replace(`127.0.0.1:${azurite.blobPort}`, `127.0.0.1:${port}`), prefix: uniquePrefix() };
    const { audit } = createTableStores(tables);
    const started = Date.now();
    await expect(audit.append(entry(1))).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(4_000); // inside Teams' 5 s, so the person is told to try again
    expect(await audit.listForRecord('meeting', 'm-1')).toEqual([]);
    // In Azure without the blob endpoint setting: refused with the reason, not silently unaudited.
    const inAzure = createTableStores({ ...tables, identity: { tableServiceUri: `http://127.0.0.1:${azurite.tablePort}/devstoreaccount1`, queueServiceUri: 'http://127.0.0.1:1/q', credential: { getToken: async () => null } } });
    await expect(inAzure.audit.append(entry(2))).rejects.toThrow('STORAGE_CONNECTION__blobServiceUri is not set: the audit trail needs the blob endpoint');
  });

  it('no audit code can rewrite an entry: it names no delete, upload, overwrite, metadata or policy call', () => {
    const files = ['adapters/audit', 'adapters/tables/audit-log.ts'].flatMap((p) => {
      const full = join(root, p);
      return p.endsWith('.ts') ? [full] : readdirSync(full).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => join(full, f));
    });
    expect(files.length).toBeGreaterThanOrEqual(3);
    const forbidden = /\b(delete\w*|upload\w*|updateEntity|upsertEntity|submitTransaction|setMetadata|setHTTPHeaders|setTags|setAccessTier|stageBlock|commitBlockList|syncCopyFromURL|beginCopyFromURL|getBlockBlobClient|getPageBlobClient|setImmutabilityPolicy|deleteImmutabilityPolicy|setLegalHold|appendBlockFromURL|seal)\s*\(|\.create\(/;
    for (const file of files) {
      const code = readFileSync(file, 'utf8').replace(/^\s*(\/\/|\*|\/\*\*).*$/gm, ''); // comments may name them
      expect({ file, match: forbidden.exec(code)?.[0] }).toEqual({ file, match: undefined });
    }
    // And nothing else in the app touches the audit container.
    const walk = (dir: string): string[] =>
      readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
    const app = ['adapters', 'functions', 'bot', 'core', 'scripts'].flatMap(walk);
    const touching = app.filter((f) => !f.startsWith('adapters/audit/') && /AUDIT_CONTAINER|auditContainer\(|'audit-trail'/.test(readFileSync(join(root, f), 'utf8')));
    expect(touching).toEqual([]);
  });
});
