// The local host runs each kind of trigger as the Functions host would, shown with small function files
// written for this test: a timer on a one-second NCRONTAB schedule, a queue function that fails until
// the fifth delivery and one that always fails (poison after five), a queue output binding, and HTTP
// route parameters, query and body.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueueServiceClient } from '@azure/storage-queue';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import { startLocalHost, type LocalHost } from '../../scripts/local-host';
import { waitFor as waitForLog } from '../support/local-stack';

jest.mock('@azure/functions-core', () => jest.requireActual('../../scripts/functions-core-shim'), { virtual: true });
jest.setTimeout(90_000);

const functionsLib = JSON.stringify(require.resolve('@azure/functions'));
const FIXTURES: Record<string, string> = {
  'tick.timer.ts': `
    const { app } = require(${functionsLib});
    app.timer('tick', { schedule: '*/1 * * * * *', handler: (timer: { isPastDue: boolean }, ctx: { log(...a: unknown[]): void }) => {
      ctx.log('tick isPastDue=' + timer.isPastDue);
    } });`,
  'work.queue.ts': `
    const { app, output } = require(${functionsLib});
    const done = output.storageQueue({ queueName: 'done', connection: 'STORAGE_CONNECTION' });
    app.storageQueue('flaky', { queueName: 'flaky', connection: 'STORAGE_CONNECTION', extraOutputs: [done],
      handler: (msg: { n: number }, ctx: { triggerMetadata: { dequeueCount: number }; extraOutputs: { set(b: unknown, v: unknown): void } }) => {
        if (ctx.triggerMetadata.dequeueCount < 5) throw new Error('not yet, attempt ' + ctx.triggerMetadata.dequeueCount);
        ctx.extraOutputs.set(done, { n: msg.n, attempts: ctx.triggerMetadata.dequeueCount });
      } });
    app.storageQueue('broken', { queueName: 'broken', connection: 'STORAGE_CONNECTION', handler: () => { throw new Error('always'); } });`,
  'echo.http.ts': `
    const { app } = require(${functionsLib});
    app.http('echo', { route: 'echo/{kind}/{id:int?}', methods: ['POST'], handler: async (req: any) => ({
      status: 201, headers: { 'x-kind': req.params.kind }, jsonBody: { params: req.params, q: req.query.get('q'), body: await req.json() },
    }) });`,
};

let dir: string;
let azurite: RunningAzurite;
let host: LocalHost;
const lines: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gt-fixtures-'));
  for (const [file, text] of Object.entries(FIXTURES)) writeFileSync(join(dir, file), text);
  azurite = await startAzurite();
  host = await startLocalHost({ port: 0, functionsDir: dir, env: { STORAGE_CONNECTION: azurite.connectionString }, log: (l) => lines.push(l) });
});
afterAll(async () => {
  await host?.stop();
  await azurite?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const waitFor = (check: () => Promise<boolean> | boolean, ms = 60_000) => waitForLog(check, lines, ms);
const b64 = (s: string) => Buffer.from(s).toString('base64');

test('a timer runs on its six-field schedule, in UTC, and is not past due', async () => {
  await waitFor(() => lines.filter((l) => l === '[tick] tick isPastDue=false').length >= 2, 10_000);
});

test('a failing queue message is retried, the fifth delivery succeeds, and its output goes to the output queue', async () => {
  const service = QueueServiceClient.fromConnectionString(azurite.connectionString);
  await service.getQueueClient('flaky').sendMessage(b64(JSON.stringify({ n: 7 })));
  const done = service.getQueueClient('done');
  await waitFor(async () => (await done.exists()) && (await done.peekMessages()).peekedMessageItems.length > 0);
  const [message] = (await done.peekMessages()).peekedMessageItems;
  expect(JSON.parse(Buffer.from(message!.messageText, 'base64').toString())).toEqual({ n: 7, attempts: 5 });
});

test('after five failed deliveries a message moves to the poison queue', async () => {
  const service = QueueServiceClient.fromConnectionString(azurite.connectionString);
  await service.getQueueClient('broken').sendMessage(b64('hello'));
  const poison = service.getQueueClient('broken-poison');
  await waitFor(async () => (await poison.exists()) && (await poison.peekMessages()).peekedMessageItems.length > 0);
  expect(Buffer.from((await poison.peekMessages()).peekedMessageItems[0]!.messageText, 'base64').toString()).toBe('hello');
  expect(lines.filter((l) => l.startsWith('[broken] message') && l.includes('failed (attempt'))).toHaveLength(4);
});

test('HTTP route parameters, query and JSON body reach the handler; status and headers come back', async () => {
  const res = await fetch(`${host.url}/api/echo/widgets/42?q=yes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
  expect(res.status).toBe(201);
  expect(res.headers.get('x-kind')).toBe('widgets');
  expect(await res.json()).toEqual({ params: { kind: 'widgets', id: '42' }, q: 'yes', body: { a: 1 } });
  expect((await fetch(`${host.url}/api/echo/widgets/x`, { method: 'POST', body: '{}' })).status).toBe(404);
});
