// The local functions host serves what the function files register, as Azure would: HTTP under /api,
// the admin API, storage-queue triggers with base64 and a poison queue; and the demo seed goes in
// through the real import API.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QueueServiceClient } from '@azure/storage-queue';
import { createTableStores, TABLES } from '../../adapters/tables';
import type { RunningAzurite } from '../support/azurite';
import { startLocalStack, type LocalStack } from '../support/local-stack';
import type { LocalHost } from '../../scripts/local-host';
import { seedDemo } from '../../scripts/seed-demo';
import { TableExitStore } from '../../adapters/tables/exit-store';
import { lazyClient } from '../../adapters/tables/entity';
import { tableClient } from '../../adapters/tables/client';
import { DEMO_ROLE_USERS, demoCouncil, demoId } from '../../scripts/demo-council';

// The worker injects @azure/functions-core; the local host's stand-in plays that part here too.
jest.mock('@azure/functions-core', () => jest.requireActual('../../scripts/functions-core-shim'), { virtual: true });

jest.setTimeout(60_000);

let stack: LocalStack;
let azurite: RunningAzurite;
let host: LocalHost;
let lines: string[];
let prefix: string;

beforeAll(async () => {
  stack = await startLocalStack();
  ({ azurite, host, lines, prefix } = stack);
});
afterAll(() => stack?.stop());

const waitFor = (check: () => Promise<boolean> | boolean, ms = 20_000) => stack.waitFor(check, ms);

test('GET /api/health answers ok through the real @azure/functions request and response', async () => {
  const res = await fetch(`${host.url}/api/health`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  expect(await res.json()).toEqual({ status: 'ok', service: 'golden-thread' });
});

test('a route called with a method it does not accept, or an unknown route, is not found', async () => {
  expect((await fetch(`${host.url}/api/health`, { method: 'DELETE' })).status).toBe(404);
  expect((await fetch(`${host.url}/api/no-such-thing`)).status).toBe(404);
});

test('GET /admin/functions lists every function with its trigger, route or schedule', async () => {
  const res = await fetch(`${host.url}/admin/functions`);
  expect(res.status).toBe(200);
  const list = (await res.json()) as { name: string; trigger: string; route?: string; schedule?: string; invoke_url_template: string | null }[];
  expect(list.find((f) => f.name === 'health')).toMatchObject({ trigger: 'httpTrigger', route: 'health', invoke_url_template: `${host.url}/api/health` });
  for (const timer of list.filter((f) => f.trigger === 'timerTrigger')) expect(timer.schedule).toMatch(/^(\S+\s+){5}\S+$/);
});

test('POST /admin/functions/{timer} runs the timer now and answers 202, as the real admin API does', async () => {
  const timer = host.functions.find((f) => f.kind === 'timer');
  if (!timer) return; // no timers registered yet
  const res = await fetch(`${host.url}/admin/functions/${timer.name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ input: '' }),
  });
  expect(res.status).toBe(202);
  await waitFor(() => lines.some((l) => l.startsWith(`[${timer.name}] succeeded`) || l.startsWith(`[${timer.name}] failed`)));
  expect(lines.filter((l) => l.startsWith(`[${timer.name}] failed`))).toEqual([]);
  expect((await fetch(`${host.url}/admin/functions/no-such-function`, { method: 'POST', body: '{"input":""}' })).status).toBe(404);
});

test('a queue message that is not base64 goes to the poison queue, as the Functions host does', async () => {
  const queueFn = host.functions.find((f) => f.kind === 'queue');
  if (!queueFn) return;
  const service = QueueServiceClient.fromConnectionString(azurite.connectionString);
  const queue = service.getQueueClient(queueFn.queueName!);
  await queue.createIfNotExists();
  await queue.sendMessage('this is {not} base64!');
  const poison = service.getQueueClient(`${queueFn.queueName}-poison`);
  await waitFor(async () => (await poison.exists()) && (await poison.peekMessages()).peekedMessageItems.length > 0);
  expect((await poison.peekMessages()).peekedMessageItems[0]!.messageText).toBe('this is {not} base64!');
});

test('the demo council is imported through the import API once, and a second start leaves it alone', async () => {
  const importFn = host.functions.find((f) => f.route === 'import/people');
  if (!importFn) return; // the import API is not there yet
  const now = new Date('2026-11-23T09:00:00Z');
  const first = await seedDemo({ baseUrl: host.url, connectionString: azurite.connectionString, tablePrefix: prefix, now, log: (l) => lines.push(l) });
  const council = demoCouncil(now);
  expect(first).toEqual({ seeded: true, counts: expect.objectContaining({ teams: 3, people: council.people.length, children: 60, meetings: council.meetings.length, forums: 3, 'channel mappings': 4, surveys: 2, 'group activities': 6, 'case-file audits': expect.any(Number) }) });
  const stores = createTableStores({ connectionString: azurite.connectionString, prefix });
  expect(await stores.people.get(demoId(DEMO_ROLE_USERS['social-worker']!))).toMatchObject({ displayName: 'Alex Ash (Demo Worker)', roles: ['social_worker'] });
  // Exit conversations over the last two months for the senior report, and one asked of its worker by card.
  const exits = await new TableExitStore(lazyClient(() => tableClient({ connectionString: azurite.connectionString, prefix }, TABLES.voice))).endedBetween('2026-09-01', '2026-11-23');
  expect(first.seeded && first.counts['exit conversations']).toBe(exits.length);
  expect(exits.filter((e) => e.held === 'yes').length).toBeGreaterThan(3);
  expect(exits.filter((e) => e.endedOn === '2026-11-21' && !e.answeredAt)).toHaveLength(1);
  const soon = await stores.meetings.listStartingBetween(now, new Date(now.getTime() + 7 * 86_400_000));
  expect(soon.length).toBeGreaterThan(5);
  const second = await seedDemo({ baseUrl: host.url, connectionString: azurite.connectionString, tablePrefix: prefix, now, log: (l) => lines.push(l) });
  expect(second).toEqual({ seeded: false });
});

test("a download link's signature never reaches the host's log, nor Application Insights", async () => {
  const sig = 'SIGNATURE-NOT-FOR-LOGS';
  const res = await fetch(`${host.url}/api/digests/export/report/October-2026?expires=${Math.floor(Date.now() / 1000) + 600}&sig=${sig}`);
  expect(res.status).toBe(403);
  expect(lines.some((l) => l.includes('/api/digests/export/report/October-2026'))).toBe(true);
  expect(lines.filter((l) => l.includes(sig))).toEqual([]);
  // The Functions host drops query strings from request telemetry unless host.json asks for them
  // (Azure/azure-webjobs-sdk#3026): it must never ask.
  const hostJson = JSON.stringify(JSON.parse(readFileSync(join(__dirname, '../../host.json'), 'utf8')));
  expect(hostJson).not.toMatch(/QueryString/i);
});
