import { EventEmitter } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { createTableStores, tableClient, type TableAuditLog } from '../../adapters/tables';
import { TableConversationStore } from '../../adapters/tables/conversation-store';
import { ConnectorClient, OutboxSender, TableOutboxStore, Throttle, type OutboxSenderOptions } from '../../adapters/outbox';
import { defaultChannelGuard } from '../../adapters/outbox/index';
import { forumReminderCard } from '../../cards/forums-cards';
import type { Clock, OutgoingMessage } from '../../core';
import { adminOverview } from '../../core/admin';
import { adminCard } from '../../cards/admin-card';
import { adminOutbox } from '../../functions/wiring/admin';
import { stopSenderOnShutdown } from '../../functions/shutdown';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';

jest.setTimeout(30_000); // two shared cores: Azurite and the drain compete with other test runs

let azurite: RunningAzurite;
let connector: FakeConnector;
let now: Date;
const clock: Clock = { now: () => now };
const later = (ms: number) => {
  now = new Date(now.getTime() + ms);
};

interface Rig {
  tables: { connectionString: string; prefix: string };
  outbox: TableOutboxStore;
  sender: OutboxSender;
  audit: TableAuditLog;
  conversations: TableConversationStore;
  /** What the sender logged. */
  logs: string[];
}

async function rig(options: { maxAttempts?: number; leaseMs?: number; throttle?: Throttle; concurrency?: number; baseDelayMs?: number } = {}): Promise<Rig> {
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
    policy: { maxAttempts: options.maxAttempts ?? 8, baseDelayMs: options.baseDelayMs ?? 1_000, maxDelayMs: 60_000 },
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    leaseMs: options.leaseMs ?? 120_000,
    channelGuard: defaultChannelGuard, // as createOutbox wires it
    log: (m) => logs.push(m),
    ...(options.throttle ? { throttle: options.throttle } : {}),
  });
  for (const who of ['sam', 'ali', 'jo']) {
    await conversations.save({
      key: `person:${who}`,
      conversationType: 'personal',
      reference: { serviceUrl: connector.serviceUrl, channelId: 'msteams', conversation: { id: `a:chat-${who}` }, bot: { id: '28:bot' } },
      updatedAt: now.toISOString(),
    });
  }
  await conversations.save({
    key: 'channel:19:cicc@thread.tacv2',
    conversationType: 'channel',
    reference: { serviceUrl: connector.serviceUrl, channelId: 'msteams', conversation: { id: '19:cicc@thread.tacv2' } },
    updatedAt: now.toISOString(),
  });
  return { tables, outbox, sender, audit, conversations, logs };
}

const nudge = (n: number, who = 'sam'): OutgoingMessage => ({
  dedupeKey: `nudge:${who}:${n}`,
  to: { kind: 'person', personId: who },
  kind: 'nudge',
  text: `message ${who} ${n}`,
});
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

const textsAt = (conversationId?: string) => connector.sent(conversationId).map((r) => r.activity.text);

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

describe('the outbox', () => {
  it('delivers a card to a person and a digest to a channel, and records each as sent', async () => {
    const { outbox, sender } = await rig();
    const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Hello' }] };
    await outbox.enqueue({ dedupeKey: 'welcome-back:sam', to: { kind: 'person', personId: 'sam' }, kind: 'nudge', card });
    await outbox.enqueue({ dedupeKey: 'digest:cicc:2026-11', to: { kind: 'channel', channelId: '19:cicc@thread.tacv2' }, kind: 'digest', text: 'Digest' });
    const report = await sender.drain();
    expect(report).toMatchObject({ sent: 2, failed: 0 });
    const [toSam] = connector.sent('a:chat-sam');
    expect(toSam?.activity.attachments).toEqual([{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }]);
    expect(textsAt('19:cicc@thread.tacv2')).toEqual(['Digest']);
    const item = await outbox.get('welcome-back:sam');
    expect(item).toMatchObject({ status: 'sent', activityId: toSam?.id, attempts: 1 });
    expect(await sender.drain()).toMatchObject({ sent: 0 }); // nothing is sent twice
    expect(connector.received).toHaveLength(2);
  });

  it('never posts a case reference in a channel: the post is stopped and audited, while the same words reach the worker 1:1', async () => {
    const { outbox, sender, audit } = await rig();
    const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Late views: CR-482913' }] };
    await outbox.enqueue({ dedupeKey: 'digest:leak', to: { kind: 'channel', channelId: '19:cicc@thread.tacv2' }, kind: 'digest', card });
    await outbox.enqueue({ dedupeKey: 'nudge:own-case', to: { kind: 'person', personId: 'sam' }, kind: 'nudge', card });
    expect(await sender.drain()).toMatchObject({ sent: 1, failed: 1 });
    expect(connector.sent('19:cicc@thread.tacv2')).toEqual([]);
    expect(connector.sent('a:chat-sam')).toHaveLength(1);
    expect(await outbox.get('digest:leak')).toMatchObject({ status: 'failed', lastError: 'identifying_detail: case_ref' });
    const [entry] = await audit.listForRecord('outbox', 'digest:leak');
    expect(entry).toMatchObject({ action: 'outbox.blocked', detail: expect.objectContaining({ paths: ['card.body[0].text'], kinds: ['case_ref'] }) });
    expect(JSON.stringify(entry)).not.toContain('CR-482913'); // the audit says where, not what
    expect(await sender.drain()).toMatchObject({ sent: 0, failed: 0 }); // and it is not tried again
  });

  it('stops a forum reminder whose "You said" names a child, audits the kind found, and still posts a clean one', async () => {
    const { outbox, sender, audit } = await rig();
    const reminder = (said: string) =>
      forumReminderCard({
        forumId: 'cicc', forumName: 'Children in Care Council', forumType: 'CICC', dateWords: 'Monday 30 November 2026', timeWords: '5pm',
        daysToGo: 'in 7 days', moved: false, place: 'the civic offices',
        promises: [{ text: said, dueWords: 'Friday 18 December 2026' }], withheld: 0, forChannel: true,
      });
    const to = { kind: 'channel', channelId: '19:cicc@thread.tacv2' } as const;
    await outbox.enqueue({ dedupeKey: 'forum:cicc:named', to, kind: 'forum.reminder', card: reminder('Łukasz wanted the reviews after school.') });
    await outbox.enqueue({ dedupeKey: 'forum:cicc:clean', to, kind: 'forum.reminder', card: reminder('Young people wanted the reviews after school.') });
    expect(await sender.drain()).toMatchObject({ sent: 1, failed: 1 });
    const posted = JSON.stringify(connector.sent('19:cicc@thread.tacv2'));
    expect(posted).toContain('Young people wanted the reviews after school.');
    expect(posted).not.toContain('Łukasz');
    expect(await outbox.get('forum:cicc:named')).toMatchObject({ status: 'failed', lastError: 'identifying_detail: name' });
    const [entry] = await audit.listForRecord('outbox', 'forum:cicc:named');
    expect(entry).toMatchObject({ action: 'outbox.blocked', detail: expect.objectContaining({ kinds: ['name'], kind: 'forum.reminder' }) });
    expect(JSON.stringify(entry)).not.toContain('Łukasz'); // the kinds found, never the words
  });

  it('sends a message enqueued twice under one dedupe key only once', async () => {
    const { outbox, sender } = await rig();
    expect(await outbox.enqueue(nudge(1))).toBe(true);
    await sender.drain();
    expect(await outbox.enqueue(nudge(1))).toBe(false);
    await sender.drain();
    expect(textsAt()).toEqual(['message sam 1']);
  });

  it('waits as long as a 429 asks before trying again, then delivers', async () => {
    const { outbox, sender } = await rig();
    await outbox.enqueue(nudge(1));
    connector.failNext(1, { status: 429, retryAfter: '30' });
    expect(await sender.drain()).toMatchObject({ retrying: 1, sent: 0 });
    expect((await outbox.get(nudge(1).dedupeKey))?.nextAttemptAt).toBe('2026-11-23T09:00:30.000Z');
    later(29_000);
    expect(await sender.drain()).toMatchObject({ sent: 0 });
    later(1_000);
    expect(await sender.drain()).toMatchObject({ sent: 1 });
    expect(textsAt()).toEqual(['message sam 1']);
  });

  it('after a 429, holds back the rest of that conversation but keeps sending to others', async () => {
    const { outbox, sender } = await rig();
    for (let i = 1; i <= 3; i++) {
      await outbox.enqueue(nudge(i, 'sam'));
      later(1);
    }
    await outbox.enqueue(nudge(1, 'ali'));
    connector.failOnlyFor('a:chat-sam');
    connector.failNext(1, { status: 429 }); // no Retry-After: back off with jitter
    const report = await sender.drain();
    expect(report.sent).toBe(1);
    expect(textsAt('a:chat-ali')).toEqual(['message ali 1']);
    expect(connector.calls.filter((c) => c.path.includes('chat-sam'))).toHaveLength(1);
    connector.failOnlyFor(undefined);
    later(60_000);
    await sender.drain();
    expect(textsAt('a:chat-sam')).toEqual(['message sam 1', 'message sam 2', 'message sam 3']); // still in order
  });

  it('sends a failed message again as soon as its retry is due, ahead of messages read after it, so the faults do not trail behind a fan-out', async () => {
    // One at a time, and a retry due at once: the order shows what the sender takes next.
    const { outbox, sender } = await rig({ concurrency: 1, baseDelayMs: 0 });
    await outbox.enqueue(nudge(1, 'sam'));
    for (let i = 1; i <= 4; i++) {
      later(1);
      await outbox.enqueue(nudge(i, 'ali'));
      later(1);
      await outbox.enqueue(nudge(i, 'jo'));
    }
    connector.failOnlyFor('a:chat-sam');
    connector.failNext(1, { status: 500 });
    connector.setDelay(30); // as Teams takes a while to answer, while the sender's queue has work
    const report = await sender.drain();
    connector.setDelay(0);
    connector.failOnlyFor(undefined);
    expect(connector.calls.slice(0, 2).map((c) => [c.path.includes('chat-sam'), c.status])).toEqual([[true, 500], [true, 200]]);
    // Within the same drain, without waiting for the due index to be read again, and before the eight fresh ones.
    expect(report).toMatchObject({ sent: 9, retrying: 1 });
    expect(textsAt()[0]).toBe('message sam 1');
    expect(textsAt('a:chat-ali')).toEqual(['message ali 1', 'message ali 2', 'message ali 3', 'message ali 4']);
    expect(await outbox.get(nudge(1, 'sam').dedupeKey)).toMatchObject({ status: 'sent', attempts: 2, failures: 1 });
  });

  it("starts a channel's several posts before single messages read earlier, so they do not trail behind a fan-out", async () => {
    // One at a time: the order shows what the sender takes next. Three people first, then a channel's three posts,
    // which go one after another (each waits for the one before): the longest chain.
    const { outbox, sender } = await rig({ concurrency: 1 });
    for (const who of ['sam', 'ali', 'jo']) {
      later(1);
      await outbox.enqueue(nudge(1, who));
    }
    for (let i = 1; i <= 3; i++) {
      later(1);
      await outbox.enqueue({ dedupeKey: `digest:cicc:${i}`, to: { kind: 'channel', channelId: '19:cicc@thread.tacv2' }, kind: 'digest', text: `post ${i}` });
    }
    connector.setDelay(200); // Teams takes a while to answer; the next page is read meanwhile
    const report = await sender.drain();
    connector.setDelay(0);
    expect(report).toMatchObject({ sent: 6 });
    expect(textsAt('19:cicc@thread.tacv2')).toEqual(['post 1', 'post 2', 'post 3']); // in order
    // Read in the drain's second page, the posts still go before the people read before them in the first.
    expect(textsAt().at(-1)).toMatch(/^message /);
  });

  it('starts sending after reading a few messages, not a whole page of them, so a drain does not open with the budget idle', async () => {
    const { outbox, conversations, audit } = await rig();
    for (let i = 0; i < 100; i++) await outbox.enqueue(nudge(i, ['sam', 'ali', 'jo'][i % 3]));
    const readsBeforeFirstCall: number[] = [];
    const store: OutboxSenderOptions['store'] = {
      listDue: (at, limit) => outbox.listDue(at, limit),
      getById: (id) => {
        if (connector.calls.length === 0) readsBeforeFirstCall.push(1);
        return outbox.getById(id);
      },
      get: (key) => outbox.get(key),
      transition: (item, change) => outbox.transition(item, change),
      dropDue: (id) => outbox.dropDue(id),
      setAside: (row, status, reason) => outbox.setAside(row, status, reason),
    };
    const sender = new OutboxSender({
      store,
      conversations,
      audit,
      clock,
      connector: new ConnectorClient({ token: async () => undefined }),
      concurrency: 4,
      throttle: new Throttle({ perConversation: [{ count: 1000, perMs: 1000 }], perApp: [] }), // Teams' pace is not what this is about
    });
    expect(await sender.drain()).toMatchObject({ sent: 100 });
    expect(readsBeforeFirstCall.length).toBeLessThan(50); // a page of 200 read first would be all 100
  });

  it('retries a server error with backoff and delivers once it recovers', async () => {
    const { outbox, sender } = await rig();
    await outbox.enqueue(nudge(1));
    connector.failNext(2, { status: 500 });
    await sender.drain();
    const first = await outbox.get(nudge(1).dedupeKey);
    expect(first).toMatchObject({ status: 'pending', failures: 1 });
    later(60_000);
    await sender.drain();
    later(60_000);
    await sender.drain();
    expect(await outbox.get(nudge(1).dedupeKey)).toMatchObject({ status: 'sent', attempts: 3 });
    expect(textsAt()).toEqual(['message sam 1']);
  });

  it('stops at 403 (the person blocked or removed the app) and records it for their manager', async () => {
    const { outbox, sender, audit } = await rig();
    await outbox.enqueue(nudge(1));
    connector.failNext(1, { status: 403 });
    expect(await sender.drain()).toMatchObject({ failed: 1 });
    later(3_600_000);
    await sender.drain();
    expect(connector.calls).toHaveLength(1); // never retried
    expect(await outbox.get(nudge(1).dedupeKey)).toMatchObject({ status: 'failed', lastError: 'blocked_or_removed' });
    const [entry] = await audit.listForRecord('outbox', nudge(1).dedupeKey);
    expect(entry).toMatchObject({ action: 'outbox.undeliverable', detail: { reason: 'blocked_or_removed', to: 'person:sam', status: 403 } });
  });

  it('parks a message after the configured number of failed attempts, with an audit entry', async () => {
    const { outbox, sender, audit } = await rig({ maxAttempts: 3 });
    await outbox.enqueue(nudge(1));
    connector.failShare(1, { status: 503 });
    for (let i = 0; i < 5; i++) {
      await sender.drain();
      later(120_000);
    }
    expect(connector.calls).toHaveLength(3);
    expect(await outbox.get(nudge(1).dedupeKey)).toMatchObject({ status: 'parked', attempts: 3 });
    const [entry] = await audit.listForRecord('outbox', nudge(1).dedupeKey);
    expect(entry).toMatchObject({ action: 'outbox.parked', detail: { to: 'person:sam', status: 503 } });
  });

  it('reports a person the app is not installed for, instead of dropping the message', async () => {
    const { outbox, sender, audit } = await rig();
    await outbox.enqueue(nudge(1, 'nobody'));
    expect(await sender.drain()).toMatchObject({ failed: 1 });
    expect(connector.calls).toHaveLength(0);
    expect(await outbox.get(nudge(1, 'nobody').dedupeKey)).toMatchObject({ status: 'failed', lastError: 'no_conversation' });
    const [entry] = await audit.listForRecord('outbox', nudge(1, 'nobody').dedupeKey);
    expect(entry).toMatchObject({ action: 'outbox.undeliverable', detail: { reason: 'no_conversation', to: 'person:nobody' } });
  });

  it('refreshes a card in place when a message replaces an earlier one', async () => {
    const { outbox, sender } = await rig();
    const card = (text: string) => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text }] });
    await outbox.enqueue({ dedupeKey: 'status:m1', to: { kind: 'person', personId: 'sam' }, kind: 'nudge', card: card('Views: not yet') });
    // The refresh is enqueued before the first is sent: it waits for it instead of posting a second card.
    await outbox.enqueue({ dedupeKey: 'status:m1:v2', to: { kind: 'person', personId: 'sam' }, kind: 'nudge', card: card('Views: gathered'), replaces: 'status:m1' });
    await sender.drain();
    later(60_000);
    await sender.drain();
    const [first, second] = connector.received;
    expect(first).toMatchObject({ op: 'send' });
    expect(second).toMatchObject({ op: 'update', id: first?.id, conversationId: 'a:chat-sam' });
    expect(JSON.stringify(second?.activity)).toContain('Views: gathered');
    expect(await outbox.get('status:m1:v2')).toMatchObject({ status: 'sent', activityId: first?.id });
  });

  it('never sends a message twice when two drains run at once', async () => {
    const { outbox, sender } = await rig();
    const tables = (outbox as unknown as { config: { connectionString: string; prefix: string } }).config;
    const other = new OutboxSender({
      store: new TableOutboxStore(tables, clock),
      conversations: new TableConversationStore(tables),
      audit: createTableStores(tables).audit,
      clock,
      connector: new ConnectorClient({ token: async () => undefined }),
    });
    for (let i = 0; i < 30; i++) await outbox.enqueue(nudge(i, ['sam', 'ali', 'jo'][i % 3]));
    connector.setDelay(5);
    const [a, b] = await Promise.all([sender.drain(), other.drain()]);
    expect(a.sent + b.sent).toBe(30);
    const texts = textsAt();
    expect(texts).toHaveLength(30);
    expect(new Set(texts).size).toBe(30);
  });

  it('keeps to Teams pace in one conversation: no more than 7 a second', async () => {
    const { outbox, sender } = await rig();
    for (let i = 0; i < 10; i++) await outbox.enqueue(nudge(i));
    await sender.drain();
    const stamps = connector.sent('a:chat-sam').map((r) => r.at);
    expect(stamps).toHaveLength(10);
    const most = Math.max(...stamps.map((s) => stamps.filter((t) => t >= s && t < s + 1000).length));
    expect(most).toBeLessThanOrEqual(7);
  });

  it('delivers every message exactly once through a storm of 429s and 500s', async () => {
    // Teams' pace is real time; this test moves the outbox clock on instead, so it lifts the pace.
    const { outbox, sender } = await rig({ throttle: new Throttle({ perConversation: [{ count: 1000, perMs: 1000 }], perApp: [] }) });
    const who = ['sam', 'ali', 'jo'];
    for (let i = 0; i < 60; i++) await outbox.enqueue(nudge(i, who[i % 3]));
    connector.failShare(0.3, { status: 500 });
    let rounds = 0;
    while ((await outbox.listByStatus('sent')).length < 60 && rounds++ < 60) {
      await sender.drain();
      if (rounds === 3) connector.failShare(0.3, { status: 429, retryAfter: '5' });
      later(120_000);
    }
    const texts = textsAt();
    expect(new Set(texts).size).toBe(60);
    expect(texts).toHaveLength(60);
    expect(connector.calls.filter((c) => c.status >= 400).length).toBeGreaterThan(5);
  }, 30_000);
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
