// Fan-out: proactive messages to 2,000 people and 20 channels through the real outbox and sender, against
// the rate-limited connector (Teams' limits enforced, 10% 429 and 5% 500 injected). Achieved rate as a
// share of the 50/s Teams allows an app; lost and duplicated counted at the connector. And, for scale, a
// sequential sender that waits out each fault (the Teams Toolkit notification template's way).
import { createTableStores } from '../adapters/tables';
import { TableConversationStore } from '../adapters/tables/conversation-store';
import { ConnectorClient, ConnectorError, createOutbox, OutboxSender } from '../adapters/outbox';
import { systemClock } from '../core/clock';
import type { Recipient } from '../core/model/messaging';
import { uniquePrefix } from '../tests/support/azurite';
import type { RateLimitedConnector } from '../tests/support/rate-limited-connector';

export interface FanoutResult {
  messages: number;
  people: number;
  channels: number;
  seconds: number;
  achievedPerS: number;
  /** Rate until 90% of messages had arrived. */
  steadyPerS: number;
  shareOfAllowed: number;
  lost: number;
  duplicated: number;
  calls: number;
  callsPerS: number;
  injected: number;
  overLimit429: number;
  sequentialPerS: number;
}

async function mapLimit<T>(items: T[], n: number, fn: (t: T) => Promise<unknown>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: n }, async () => {
    for (let x = queue.shift(); x !== undefined; x = queue.shift()) await fn(x);
  }));
}

export async function benchFanout(o: { connectionString: string; connector: RateLimitedConnector; people: number; channels: number; perChannel: number; deadlineS: number; sequential: number; concurrency?: number }): Promise<FanoutResult> {
  const tables = { connectionString: o.connectionString, prefix: uniquePrefix() };
  const conversations = new TableConversationStore(tables);
  const { audit } = createTableStores(tables);
  const built = createOutbox({ tables, clock: systemClock, conversations, audit, auth: { MicrosoftAppType: 'SingleTenant' } });
  const { outbox } = built;
  // As the app wires it (createOutbox), or the same sender with more conversations in flight (not a setting yet).
  const sender = o.concurrency
    ? new OutboxSender({ store: outbox, conversations, audit, clock: systemClock, connector: new ConnectorClient({ token: async () => undefined }), concurrency: o.concurrency })
    : built.sender;
  const serviceUrl = o.connector.serviceUrl;
  const people = Array.from({ length: o.people }, (_, i) => `fan-${i}`);
  const channels = Array.from({ length: o.channels }, (_, i) => `19:fan-channel-${i}@thread.tacv2`);
  const updatedAt = new Date().toISOString();
  await mapLimit(people, 16, (p) => conversations.save({ key: `person:${p}`, conversationType: 'personal', reference: { serviceUrl, conversation: { id: `a:${p}` } }, updatedAt }));
  await mapLimit(channels, 16, (c) => conversations.save({ key: `channel:${c}`, conversationType: 'channel', reference: { serviceUrl, conversation: { id: c } }, updatedAt }));
  const messages: { key: string; to: Recipient }[] = [
    ...people.map((p) => ({ key: `fan:${p}`, to: { kind: 'person', personId: p } as Recipient })),
    ...channels.flatMap((c) => Array.from({ length: o.perChannel }, (_, j) => ({ key: `fan:${c}:${j}`, to: { kind: 'channel', channelId: c } as Recipient }))),
  ];
  await mapLimit(messages, 16, (m) => outbox.enqueue({ dedupeKey: m.key, to: m.to, kind: 'bench', text: m.key }));

  o.connector.reset();
  o.connector.inject({ share429: 0.1, share500: 0.05, retryAfter: '1' });
  const t0 = Date.now();
  const deadline = t0 + o.deadlineS * 1000;
  const delivered = () => new Set(o.connector.received.map((r) => r.activity.text)).size;
  while (Date.now() < deadline && delivered() < messages.length) {
    const report = await sender.drain(Math.min(45_000, deadline - Date.now()));
    if (report.sent + report.retrying + report.failed + report.parked === 0) {
      // Nothing due now: retries are waiting out their backoff. Stop once nothing is left open.
      const open = (await outbox.listByStatus('pending')).length + (await outbox.listByStatus('sending')).length;
      if (open === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const received = [...o.connector.received];
  const calls = [...o.connector.calls];
  o.connector.inject({});
  const last = Math.max(...received.map((r) => r.at));
  const seconds = (last - t0) / 1000;
  const counts = new Map<unknown, number>();
  for (const r of received) counts.set(r.activity.text, (counts.get(r.activity.text) ?? 0) + 1);
  const distinct = counts.size;
  const achievedPerS = distinct / seconds;
  // The pace while sending: until 90% had arrived (the rest is the retry tail: backoff after 500s).
  const firsts = [...new Map(received.map((r) => [r.activity.text, r.at])).values()].sort((a, b) => a - b);
  const at90 = firsts[Math.floor(messages.length * 0.9) - 1];
  const steadyPerS = at90 ? (Math.floor(messages.length * 0.9) / ((at90 - t0) / 1000)) : 0;

  // The sequential sender: one message at a time, waiting out each 429 (Retry-After) and 500 (1 s).
  const client = new ConnectorClient({ token: async () => undefined });
  o.connector.reset();
  o.connector.inject({ share429: 0.1, share500: 0.05, retryAfter: '1' });
  const s0 = Date.now();
  for (let i = 0; i < o.sequential; i++) {
    for (let tries = 0; tries < 20; tries++) {
      try {
        await client.send({ serviceUrl, conversationId: `a:${people[i % people.length]}` }, { type: 'message', text: `seq ${i}` });
        break;
      } catch (err) {
        const wait = err instanceof ConnectorError && err.status === 429 ? Number(err.retryAfter ?? 1) * 1000 : 1000;
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }
  const sequentialPerS = o.sequential ? o.sequential / ((Date.now() - s0) / 1000) : 0;
  o.connector.inject({});

  return {
    messages: messages.length,
    people: o.people,
    channels: o.channels,
    seconds,
    achievedPerS,
    steadyPerS,
    shareOfAllowed: achievedPerS / 50,
    lost: messages.length - distinct,
    duplicated: [...counts.values()].reduce((n, c) => n + (c - 1), 0),
    calls: calls.length,
    callsPerS: calls.length / seconds,
    injected: calls.filter((c) => c.reason === 'injected').length,
    overLimit429: calls.filter((c) => c.reason === 'limit').length,
    sequentialPerS,
  };
}
