// Fan-out: proactive messages to 2,000 people and 20 channels through the real outbox and sender, against
// the rate-limited connector (Teams' limits enforced, 10% 429 and 5% 500 injected), drained by one sender
// process or by three together (sharing the budget through Table Storage). Rates, the tail, the most calls in
// any second; lost and duplicated counted at the connector. And, for scale, a sequential sender that waits
// out each fault (the Teams Toolkit notification template's way).
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { buildStores } from '../adapters/tables';
import { ConnectorClient, ConnectorError, TableOutboxStore } from '../adapters/outbox';
import { systemClock } from '../core/clock';
import type { Recipient } from '../core/model';
import { uniquePrefix } from '../tests/support/azurite';
import type { RateLimitedConnector } from '../tests/support/rate-limited-connector';
import { maxInAnyWindow } from '../tests/support/windows';

export interface FanoutResult {
  messages: number;
  people: number;
  channels: number;
  hosts: number;
  /** From the first connector call to the last delivery. */
  seconds: number;
  achievedPerS: number;
  /** Rate until 90% of messages had arrived. */
  steadyPerS: number;
  /** The last 10%: seconds from the 90% mark to the last delivery. */
  tailS: number;
  shareOfAllowed: number;
  lost: number;
  duplicated: number;
  calls: number;
  callsPerS: number;
  /** Connector calls a second until the 90% mark (while work is queued). */
  callsPerSQueued: number;
  /** The most calls (faults included) in any 1 s window. */
  maxCallsInAnySecond: number;
  injected: number;
  overLimit429: number;
  hostReports: Record<string, unknown>[];
  sequentialPerS: number;
}

async function mapLimit<T>(items: T[], n: number, fn: (t: T) => Promise<unknown>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: n }, async () => {
    for (let x = queue.shift(); x !== undefined; x = queue.shift()) await fn(x);
  }));
}

/** Runs `hosts` sender processes (tests/support/outbox-sender-host.ts, bundled to `script`) until each has finished. */
async function runHosts(o: { script: string; hosts: number; env: Record<string, string>; deadlineS: number }): Promise<Record<string, unknown>[]> {
  const children = Array.from({ length: o.hosts }, () =>
    spawn(process.execPath, [o.script], { env: { ...process.env, ...o.env }, stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  const timer = setTimeout(() => children.forEach((c) => c.kill('SIGKILL')), o.deadlineS * 1000);
  try {
    return await Promise.all(
      children.map(
        (child) =>
          new Promise<Record<string, unknown>>((resolve) => {
            let out = '';
            let err = '';
            child.stdout.on('data', (d: Buffer) => (out += d.toString()));
            child.stderr.on('data', (d: Buffer) => (err += d.toString()));
            child.once('exit', (code) => {
              try {
                resolve({ code, ...(JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, unknown>) });
              } catch {
                resolve({ code, error: err.slice(0, 500) || out.slice(0, 500) });
              }
            });
          }),
      ),
    );
  } finally {
    clearTimeout(timer);
  }
}

export async function benchFanout(o: { connectionString: string; connector: RateLimitedConnector; people: number; channels: number; perChannel: number; deadlineS: number; sequential: number; hosts: number; script: string }): Promise<FanoutResult> {
  const tables = { connectionString: o.connectionString, prefix: uniquePrefix() };
  const { conversations } = buildStores(tables);
  const outbox = new TableOutboxStore(tables, systemClock);
  const serviceUrl = o.connector.serviceUrl;
  const people = Array.from({ length: o.people }, (_, i) => `fan-${i}`);
  const channels = Array.from({ length: o.channels }, (_, i) => `19:fan-channel-${i}@thread.tacv2`);
  const updatedAt = new Date().toISOString();
  await mapLimit(people, 16, (p) => conversations.save({ key: `person:${p}`, conversationType: 'personal', reference: { serviceUrl, conversation: { id: `a:${p}` } }, updatedAt }));
  await mapLimit(channels, 16, (c) => conversations.save({ key: `channel:${c}`, conversationType: 'channel', reference: { serviceUrl, conversation: { id: c } }, updatedAt }));
  const messages: { key: string; to: Recipient }[] = [
    ...people.map((p) => ({ key: `fan:${p}`, to: { kind: 'person', personId: p } as Recipient })),
    // The text is the key; a channel id holds '@' (the PII guard would read it as an email and stop the post).
    ...channels.flatMap((c, i) => Array.from({ length: o.perChannel }, (_, j) => ({ key: `fan:channel-${i}:${j}`, to: { kind: 'channel', channelId: c } as Recipient }))),
  ];
  await mapLimit(messages, 16, (m) => outbox.enqueue({ dedupeKey: m.key, to: m.to, kind: 'bench', text: m.key }));

  o.connector.reset();
  o.connector.inject({ share429: 0.1, share500: 0.05, retryAfter: '1' });
  // Each host is its own process, as instances are in Azure; they share only the storage account.
  const hostReports = await runHosts({ script: o.script, hosts: o.hosts, env: { GT_CONNECTION: tables.connectionString, GT_PREFIX: tables.prefix ?? '' }, deadlineS: o.deadlineS });
  const received = [...o.connector.received];
  const calls = [...o.connector.calls];
  o.connector.inject({});
  // BENCH_FANOUT_TIMELINE=<path>: every call and delivery, with its time, to <path>-<hosts>.json (where the seconds went).
  const timeline = process.env.BENCH_FANOUT_TIMELINE;
  if (timeline) writeFileSync(`${timeline}-${o.hosts}.json`, JSON.stringify({ calls, received: received.map((r) => ({ at: r.at, text: r.activity.text })) }));
  const t0 = Math.min(...calls.map((c) => c.at));
  const last = Math.max(...received.map((r) => r.at));
  const seconds = (last - t0) / 1000;
  const counts = new Map<unknown, number>();
  for (const r of received) counts.set(r.activity.text, (counts.get(r.activity.text) ?? 0) + 1);
  const distinct = counts.size;
  const achievedPerS = distinct / seconds;
  // The pace while sending: until 90% had arrived (the rest is the retry tail).
  const firsts = [...new Map(received.map((r) => [r.activity.text, r.at])).values()].sort((a, b) => a - b);
  const n90 = Math.floor(messages.length * 0.9);
  const at90 = firsts[n90 - 1] ?? last;
  const steadyPerS = n90 / ((at90 - t0) / 1000);
  const callsPerSQueued = calls.filter((c) => c.at <= at90).length / ((at90 - t0) / 1000);

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
    hosts: o.hosts,
    seconds,
    achievedPerS,
    steadyPerS,
    tailS: (last - at90) / 1000,
    shareOfAllowed: achievedPerS / 50,
    lost: messages.length - distinct,
    duplicated: [...counts.values()].reduce((n, c) => n + (c - 1), 0),
    calls: calls.length,
    callsPerS: calls.length / seconds,
    callsPerSQueued,
    maxCallsInAnySecond: maxInAnyWindow(calls.map((c) => c.at)),
    injected: calls.filter((c) => c.reason === 'injected').length,
    overLimit429: calls.filter((c) => c.reason === 'limit').length,
    hostReports,
    sequentialPerS,
  };
}
