// The nudge scan in the local stack, as a developer runs it: the demo council seeded through the import API,
// then POST /admin/functions/nudgeScan, and one nudge card per demo worker waiting in the outbox; a second
// scan adds nothing.
import { join } from 'node:path';
import { TableOutboxStore, type OutboxItem } from '../../adapters/tables/outbox-store';
import { systemClock } from '../../core/clock';
import { startLocalHost, type LocalHost } from '../../scripts/local-host';
import { seedDemo } from '../../scripts/seed-demo';
import { DEMO_PEOPLE } from '../../scripts/demo-council';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';

jest.mock('@azure/functions-core', () => jest.requireActual('../../scripts/functions-core-shim'), { virtual: true });
jest.setTimeout(90_000);

let azurite: RunningAzurite;
let host: LocalHost;
const lines: string[] = [];
const prefix = uniquePrefix();

beforeAll(async () => {
  azurite = await startAzurite();
  host = await startLocalHost({
    port: 0,
    functionsDir: join(__dirname, '../../functions'),
    // Any hour, so the test does not depend on when it runs; the morning-slot rule has its own tests.
    env: { STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: prefix, NUDGE_SCAN_ANY_TIME: 'true' },
    timers: false,
    log: (line) => lines.push(line),
  });
  await seedDemo({ baseUrl: host.url, connectionString: azurite.connectionString, tablePrefix: prefix, log: () => undefined });
});

afterAll(async () => {
  await host?.stop();
  await azurite?.stop();
});

const waitFor = async (check: () => boolean, ms = 30_000) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out; host log:\n${lines.join('\n')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

async function nudgesInOutbox(): Promise<OutboxItem[]> {
  const outbox = new TableOutboxStore({ connectionString: azurite.connectionString, prefix }, systemClock);
  const ids = await outbox.listDue(new Date(Date.now() + 86_400_000), 1000);
  return (await Promise.all(ids.map((id) => outbox.getById(id)))).filter((i): i is OutboxItem => i?.message.kind === 'nudge');
}

async function scan(): Promise<string> {
  const before = lines.filter((l) => l.includes('nudge scan (invocation')).length;
  const res = await fetch(`${host.url}/admin/functions/nudgeScan`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ input: '' }) });
  expect(res.status).toBe(202);
  await waitFor(() => lines.filter((l) => l.includes('nudge scan (invocation')).length > before);
  return lines.filter((l) => l.includes('nudge scan (invocation')).at(-1)!;
}

test('POST /admin/functions/nudgeScan queues one nudge card for each demo worker, and a second scan nothing new', async () => {
  expect(await scan()).toMatch(/"ran":true/);
  const nudges = await nudgesInOutbox();
  const workers = DEMO_PEOPLE.filter((p) => p.roles.includes('social_worker')).map((p) => p.id);
  const recipients = nudges.map((n) => (n.message.to.kind === 'person' ? n.message.to.personId : ''));
  expect(new Set(recipients).size).toBe(recipients.length); // one card per worker, however many meetings
  expect(recipients.sort()).toEqual([...workers].sort());
  expect(JSON.stringify(nudges[0]?.message.card)).toContain('Record how their views were gathered');

  expect(await scan()).toMatch(/"newlyEnqueued":0/);
  expect(await nudgesInOutbox()).toHaveLength(nudges.length);
});
