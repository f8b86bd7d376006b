// The nudge scan in the local stack, as a developer runs it: the demo council seeded through the import API,
// then POST /admin/functions/nudgeScan, and one nudge card per demo worker waiting in the outbox; a second
// scan adds nothing.
import { TableOutboxStore, type OutboxItem } from '../../adapters/tables/outbox-store';
import { systemClock } from '../../core/clock';
import { DEMO_PEOPLE } from '../../scripts/demo-council';
import { startLocalStack, type LocalStack } from '../support/local-stack';

jest.mock('@azure/functions-core', () => jest.requireActual('../../scripts/functions-core-shim'), { virtual: true });
jest.setTimeout(90_000);

let stack: LocalStack;
beforeAll(async () => {
  // Any hour, so the test does not depend on when it runs; the morning-slot rule has its own tests.
  stack = await startLocalStack({ env: { NUDGE_SCAN_ANY_TIME: 'true' }, seed: true });
});
afterAll(() => stack?.stop());

async function nudgesInOutbox(): Promise<OutboxItem[]> {
  const outbox = new TableOutboxStore({ connectionString: stack.azurite.connectionString, prefix: stack.prefix }, systemClock);
  const ids = await outbox.listDue(new Date(Date.now() + 86_400_000), 1000);
  return (await Promise.all(ids.map((id) => outbox.getById(id)))).filter((i): i is OutboxItem => i?.message.kind === 'nudge');
}

async function scan(): Promise<string> {
  const runs = () => stack.lines.filter((l) => l.includes('nudge scan (invocation'));
  const before = runs().length;
  const res = await stack.runNow('nudgeScan');
  expect(res.status).toBe(202);
  await stack.waitFor(() => runs().length > before);
  return runs().at(-1)!;
}

test('POST /admin/functions/nudgeScan queues one nudge card for each demo worker, and a second scan nothing new', async () => {
  expect(await scan()).toMatch(/"ran":true/);
  const nudges = await nudgesInOutbox();
  const workers = DEMO_PEOPLE.filter((p) => p.roles.includes('social_worker')).map((p) => p.id);
  const recipients = nudges.map((n) => (n.message.to.kind === 'person' ? n.message.to.personId : ''));
  expect(new Set(recipients).size).toBe(recipients.length); // one card per worker, however many meetings
  expect(recipients.sort()).toEqual([...workers].sort());
  expect(JSON.stringify(nudges[0]?.message.card)).toContain('Record how their views were gathered');
  // The demo worker the Playground signs in as has an assessment due and a core group coming (docs/voice.md).
  const alex = JSON.stringify(nudges.find((n) => n.message.to.kind === 'person' && n.message.to.personId === workers[0])?.message.card);
  expect(alex).toContain('Child and family assessment');
  expect(alex).toContain('Assessment due');
  expect(alex).toContain('Child protection core group');

  expect(await scan()).toMatch(/"newlyEnqueued":0/);
  expect(await nudgesInOutbox()).toHaveLength(nudges.length);
});
