import { EventEmitter } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { createTableStores, tableClient, type TableAuditLog } from '../../adapters/tables';
import { TableConversationStore } from '../../adapters/tables/conversation-store';
import { ConnectorClient, OutboxSender, TableOutboxStore } from '../../adapters/outbox';
import { adminOverview } from '../../core/admin';
import type { Clock, OutgoingMessage } from '../../core';
import { adminCard } from '../../cards/admin-card';
import { adminOutbox } from '../../functions/admin-services';
import { stopSenderOnShutdown } from '../../functions/shutdown';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';

jest.setTimeout(30_000);

let azurite: RunningAzurite;
let connector: FakeConnector;
let now: Date;
const clock: Clock = { now: () => now };

interface Rig {
  tables: { connectionString: string; prefix: string };
  outbox: TableOutboxStore;
  sender: OutboxSender;
  audit: TableAuditLog;
  logs: string[];
}

async function rig(): Promise<Rig> {
  const tables = { connectionString: azurite.connectionString, prefix: uniquePrefix() };
  const conversations = new TableConversationStore(tables);
  const { audit } = createTableStores(tables);
  const outbox = new TableOutboxStore(tables, clock);
  const logs: string[] = [];
  const sender = new OutboxSender({
    store: outbox,
    conversations,
    audit,
    clock,
    connector: new ConnectorClient({ token: async () => undefined, timeoutMs: 2_000 }),
    policy: { maxAttempts: 8, baseDelayMs: 1_000, maxDelayMs: 60_000 },
    log: (m) => logs.push(m),
  });
  for (const who of ['sam', 'ali', 'jo']) {
    await conversations.save({
      key: `person:${who}`,
      conversationType: 'personal',
      reference: { serviceUrl: connector.serviceUrl, channelId: 'msteams', conversation: { id: `a:chat-${who}` } },
      updatedAt: now.toISOString(),
    });
  }
  return { tables, outbox, sender, audit, logs };
}

const nudge = (n: number, who = 'sam'): OutgoingMessage => ({ dedupeKey: `nudge:${who}:${n}`, to: { kind: 'person', personId: who }, kind: 'nudge', text: `message ${who} ${n}` });

/** Spoils a stored message row the way a bad deploy, a hand edit or a half-written migration might. */
async function spoil(r: Rig, dedupeKey: string, change: Record<string, unknown>, mode: 'Merge' | 'Replace' = 'Merge') {
  const table = await tableClient(r.tables, 'Outbox');
  for await (const e of table.listEntities<Record<string, unknown>>({ queryOptions: { filter: `dedupeKey eq '${dedupeKey}'` } })) {
    const keep = mode === 'Replace' ? Object.fromEntries(Object.entries(e).filter(([k]) => !['etag', 'timestamp', 'odata.metadata'].includes(k) && !(k in change))) : {};
    await table.updateEntity({ ...keep, partitionKey: e.partitionKey!, rowKey: e.rowKey!, ...(mode === 'Merge' ? change : {}) }, mode);
  }
}

const adminView = (r: Rig) =>
  adminOverview(
    { people: { get: async () => undefined }, outbox: adminOutbox(r.outbox, clock), audit: r.audit, clock, bankHolidaysCoveredUntil: '2028-12-31', warningMonths: 6 },
    { id: 'admin-1', roles: ['admin'] },
  );

beforeAll(async () => {
  azurite = await startAzurite();
  connector = await startFakeConnector();
});
afterAll(async () => {
  await connector.stop();
  await azurite.stop();
});
beforeEach(() => {
  connector.reset();
  now = new Date('2026-11-23T09:00:00.000Z');
});

describe('the outbox under faults', () => {
  it('an unreadable message is parked and audited, everyone else still gets theirs, and the admin card lists it', async () => {
    const r = await rig();
    for (let i = 1; i <= 4; i++) for (const who of ['sam', 'ali', 'jo']) await r.outbox.enqueue(nudge(i, who));
    await spoil(r, 'nudge:sam:2', { to: '{"kind":"person",' }); // bad JSON
    await spoil(r, 'nudge:ali:3', { to: JSON.stringify({ kind: 'fax', number: '0' }) }); // fails the schema
    await spoil(r, 'nudge:jo:1', { kind: '' }, 'Replace'); // a field missing
    const report = await r.sender.drain();
    expect(report).toMatchObject({ sent: 9, parked: 3 });
    const texts = connector.sent().map((a) => a.activity.text);
    expect(texts.sort()).toEqual(
      ['sam', 'ali', 'jo'].flatMap((w) => [1, 2, 3, 4].map((i) => `message ${w} ${i}`)).filter((t) => !['message sam 2', 'message ali 3', 'message jo 1'].includes(t)).sort(),
    );
    const [entry] = await r.audit.listForRecord('outbox', 'nudge:sam:2');
    expect(entry).toMatchObject({ action: 'outbox.parked', detail: { reason: 'unreadable' } });
    // Nothing left due: the next drain does not stumble over them again.
    expect(await r.sender.drain()).toMatchObject({ sent: 0, parked: 0 });

    const view = await adminView(r);
    expect(view.parked).toHaveLength(3);
    const card = JSON.stringify(adminCard(view));
    expect(card).toContain('Parked messages (3)');
    expect(card).toContain('its stored row could not be read');
    // An administrator can discard one; it is never sent.
    const one = view.parked[0]!;
    expect(await adminOutbox(r.outbox, clock).discard(one.id)).toBe(true);
    expect((await adminView(r)).parked).toHaveLength(2);
  });

  it('a send that timed out or got a 5xx is counted as a possible duplicate, in the log and on the admin card', async () => {
    const r = await rig();
    await r.outbox.enqueue(nudge(1));
    await r.outbox.enqueue(nudge(1, 'ali'));
    connector.failOnlyFor('a:chat-sam');
    connector.failNext(1, { status: 502 });
    await r.sender.drain();
    expect(await r.outbox.get(nudge(1).dedupeKey)).toMatchObject({ status: 'pending', possibleDuplicates: 1 });
    expect(await r.outbox.get(nudge(1, 'ali').dedupeKey)).toMatchObject({ status: 'sent', possibleDuplicates: 0 });
    connector.failOnlyFor(undefined);
    now = new Date(now.getTime() + 60_000);
    await r.sender.drain();
    expect(await r.outbox.get(nudge(1).dedupeKey)).toMatchObject({ status: 'sent', possibleDuplicates: 1 });
    expect(r.logs).toContain('outbox: nudge:sam:1 sent after 1 attempt(s) whose outcome was unknown: it may have arrived more than once');
    const view = await adminView(r);
    expect(view.possibleDuplicates).toBe(1);
    expect(JSON.stringify(adminCard(view))).toContain('1 message(s) sent in the last 30 days had an earlier attempt that timed out');
  });

  it('a connector that refused the connection is not counted: nothing can have arrived', async () => {
    const r = await rig();
    const conversations = new TableConversationStore(r.tables);
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, '127.0.0.1', ok));
    const { port } = closed.address() as AddressInfo;
    await new Promise((ok) => closed.close(ok));
    await conversations.save({ key: 'person:gone', conversationType: 'personal', reference: { serviceUrl: `http://127.0.0.1:${port}/`, conversation: { id: 'a:x' } }, updatedAt: now.toISOString() });
    await r.outbox.enqueue(nudge(1, 'gone'));
    await r.sender.drain();
    expect(await r.outbox.get(nudge(1, 'gone').dedupeKey)).toMatchObject({ status: 'pending', failures: 1, possibleDuplicates: 0 });
  });

  it('on shutdown the sender stops claiming, records what it had in flight, and nothing is lost or sent twice', async () => {
    const r = await rig();
    for (let i = 0; i < 30; i++) await r.outbox.enqueue(nudge(i, ['sam', 'ali', 'jo'][i % 3]));
    connector.setDelay(40);
    const proc = new EventEmitter() as unknown as NodeJS.Process;
    const exited: number[] = [];
    stopSenderOnShutdown(r.sender, { on: proc, exit: (c) => exited.push(c), log: () => undefined });
    const draining = r.sender.drain();
    while (connector.received.length < 4) await new Promise((ok) => setTimeout(ok, 5));
    proc.emit('SIGTERM');
    const report = await draining;
    await new Promise((ok) => setTimeout(ok, 50));
    expect(exited).toEqual([0]); // no other SIGTERM listener: it exits once idle
    const received = connector.received.length;
    expect(received).toBeLessThan(30); // it stopped claiming
    expect(report.sent).toBe(received); // and recorded every send it had in flight
    expect(await r.outbox.listByStatus('sending')).toEqual([]); // no claim left to time out and resend
    expect((await r.outbox.listByStatus('sent')).length).toBe(received);

    // The next instance sends the rest, each once.
    connector.setDelay(0);
    const next = new OutboxSender({ store: r.outbox, conversations: new TableConversationStore(r.tables), audit: r.audit, clock, connector: new ConnectorClient({ token: async () => undefined }) });
    await next.drain();
    const texts = connector.sent().map((a) => a.activity.text);
    expect(texts).toHaveLength(30);
    expect(new Set(texts).size).toBe(30);
  });

  it('leaves the exit to the host when the host handles SIGTERM itself', async () => {
    const r = await rig();
    const proc = new EventEmitter() as unknown as NodeJS.Process;
    const exited: number[] = [];
    stopSenderOnShutdown(r.sender, { on: proc, exit: (c) => exited.push(c), log: () => undefined });
    proc.once('SIGTERM', () => undefined); // the local host's own handler
    proc.emit('SIGTERM');
    await new Promise((ok) => setTimeout(ok, 50));
    expect(r.sender.shutdown.signal.aborted).toBe(true);
    expect(exited).toEqual([]);
    expect(await r.sender.drain()).toMatchObject({ sent: 0 });
  });
});
