// The functions host (a real process, built as Azure loads it) gets SIGTERM, as Azure sends on scale-in and
// on deploy, while the outbox is sending: it stops claiming, records what it had in flight, and exits
// promptly; nothing is left claimed (to be resent when its lease ends), and a new host sends the rest once.
import { TableOutboxStore } from '../../adapters/outbox';
import { TableConversationStore } from '../../adapters/tables/conversation-store';
import { systemClock } from '../../core/clock';
import { uniquePrefix } from '../support/azurite';
import { spawnHost, waitReady } from '../support/bench-host';
import { useBuiltHostRig } from '../support/built-host-rig';

const PEOPLE = 40;
const EACH = 3;
const rig = useBuiltHostRig('sigterm', { latencyMs: 150 }); // slow enough that sends are in flight at the signal

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('on SIGTERM mid-fan-out the host stops claiming, records what was in flight and exits; the next host sends the rest, each once', async () => {
  const prefix = uniquePrefix();
  const tables = { connectionString: rig.azurite.connectionString, prefix };
  const conversations = new TableConversationStore(tables);
  const outbox = new TableOutboxStore(tables, systemClock);
  const updatedAt = new Date().toISOString();
  const keys: string[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    await conversations.save({ key: `person:p-${i}`, conversationType: 'personal', reference: { serviceUrl: rig.connector.serviceUrl, conversation: { id: `a:p-${i}` } }, updatedAt });
    for (let j = 0; j < EACH; j++) {
      keys.push(`term:p-${i}:${j}`);
      await outbox.enqueue({ dedupeKey: `term:p-${i}:${j}`, to: { kind: 'person', personId: `p-${i}` }, kind: 'nudge', text: `term:p-${i}:${j}` });
    }
  }
  const env = { STORAGE_CONNECTION: rig.azurite.connectionString, AzureWebJobsStorage: rig.azurite.connectionString, TABLE_PREFIX: prefix };
  const drain = (url: string) => fetch(`${url}/admin/functions/outbox-drain`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"input":""}' });

  const host = await spawnHost(rig.outdir, env);
  await waitReady(host);
  await drain(host.url);
  while (rig.connector.received.length < 10) await pause(5);
  const signalled = Date.now();
  await host.kill('SIGTERM');
  const exitMs = Date.now() - signalled;
  const beforeRestart = rig.connector.received.length;
  console.log(`host SIGTERM test: ${beforeRestart} of ${keys.length} sent before the signal took effect; exited ${exitMs} ms after it`);

  expect(beforeRestart).toBeLessThan(keys.length); // it stopped claiming
  expect(exitMs).toBeLessThan(10_000); // without the stop it would drain on for up to 45 s
  expect(host.output()).toContain('[shutdown] SIGTERM');
  expect(await outbox.listByStatus('sending')).toEqual([]); // nothing left claimed, to be resent after its lease
  expect((await outbox.listByStatus('sent')).length).toBe(beforeRestart); // every send it made is recorded

  const next = await spawnHost(rig.outdir, env);
  try {
    await waitReady(next);
    for (const until = Date.now() + 60_000; (await outbox.listByStatus('pending')).length > 0 && Date.now() < until; ) {
      await drain(next.url);
      await pause(1_000);
    }
  } finally {
    await next.kill('SIGTERM');
  }
  const texts = rig.connector.received.map((r) => r.activity.text as string);
  expect(texts.length).toBe(keys.length);
  expect(new Set(texts).size).toBe(keys.length); // each exactly once
}, 300_000);
