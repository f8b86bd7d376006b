// A local HTTP server playing the Bot Connector with Teams' rate limits enforced: per conversation 7 messages
// a second, 8 per 2 s, 60 per 30 s and 1,800 an hour, and 50 a second per app. A send over a limit is
// answered 429 with Retry-After (whole seconds, as Teams does). On top, a share of calls can be answered
// with injected 429s and 500s. It records every accepted activity and every call, for the bench and tests.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { conversationOperation, type ReceivedActivity } from './fake-connector';

export interface Window {
  count: number;
  perMs: number;
}

export const TEAMS_PER_CONVERSATION: readonly Window[] = [
  { count: 7, perMs: 1_000 },
  { count: 8, perMs: 2_000 },
  { count: 60, perMs: 30_000 },
  { count: 1_800, perMs: 3_600_000 },
];
export const TEAMS_PER_APP: readonly Window[] = [{ count: 50, perMs: 1_000 }];

export interface RateLimitedConnectorOptions {
  perConversation?: readonly Window[];
  perApp?: readonly Window[];
  /** Shares (0..1) of calls answered with an injected fault, before the limits are checked. */
  inject?: { share429?: number; share500?: number; retryAfter?: string };
  /** Delay before answering each call, in ms (Teams takes 100-300 ms). */
  latencyMs?: number;
  random?: () => number;
}

export interface CallRecord {
  method: string;
  conversationId: string;
  status: number;
  /** Why a call failed: 'limit' (over Teams' limits), 'injected' (a 429/500 the test asked for). */
  reason?: 'limit' | 'injected';
  at: number;
}

export interface RateLimitedConnector {
  serviceUrl: string;
  received: ReceivedActivity[];
  calls: CallRecord[];
  /** Change the injected faults from now on. */
  inject(options: RateLimitedConnectorOptions['inject']): void;
  setLatency(ms: number): void;
  sent(conversationId?: string): ReceivedActivity[];
  /** Accepted messages per second over [from, to] (ms timestamps; default first to last acceptance). */
  acceptedRate(from?: number, to?: number): number;
  reset(): void;
  stop(): Promise<void>;
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

/** Sliding windows over accepted sends: how long until one more fits (0: it fits now). */
function waitFor(history: number[], limits: readonly Window[], now: number): number {
  let wait = 0;
  for (const { count, perMs } of limits) {
    let inWindow = 0;
    for (let i = history.length - 1; i >= 0 && history[i]! > now - perMs; i--) inWindow++;
    if (inWindow >= count) wait = Math.max(wait, history[history.length - count]! + perMs - now);
  }
  return wait;
}

export async function startRateLimitedConnector(options: RateLimitedConnectorOptions = {}): Promise<RateLimitedConnector> {
  const perConversation = options.perConversation ?? TEAMS_PER_CONVERSATION;
  const perApp = options.perApp ?? TEAMS_PER_APP;
  const random = options.random ?? Math.random;
  const longest = Math.max(...[...perConversation, ...perApp].map((w) => w.perMs));
  let inject = options.inject ?? {};
  let latency = options.latencyMs ?? 0;
  const received: ReceivedActivity[] = [];
  const calls: CallRecord[] = [];
  const history = new Map<string, number[]>();
  const appHistory: number[] = [];
  let seq = 0;

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const conversationId = parts[2] ?? '';
    // A call is counted when it arrives (as Teams counts it), not after the stand-in's latency timer, which on
    // a loaded machine fires in clumps.
    const arrivedAt = Date.now();
    const answer = (status: number, body: unknown, reason?: CallRecord['reason'], headers: Record<string, string> = {}) => {
      calls.push({ method: req.method ?? '', conversationId, status, ...(reason ? { reason } : {}), at: arrivedAt });
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    void (async () => {
      const text = await readBody(req);
      if (latency) await new Promise((r) => setTimeout(r, latency));
      if (parts[0] !== 'v3' || parts[1] !== 'conversations') return answer(404, { error: { code: 'NotFound' } });
      let body: Record<string, unknown>;
      try {
        body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch (err) {
        return answer(400, { error: { code: 'BadRequest', message: String(err) } });
      }
      const roll = random();
      if (roll < (inject.share429 ?? 0)) {
        return answer(429, { error: { code: 'Throttled', message: 'injected' } }, 'injected', { 'retry-after': inject.retryAfter ?? '1' });
      }
      if (roll < (inject.share429 ?? 0) + (inject.share500 ?? 0)) return answer(500, { error: { code: 'ServiceError', message: 'injected' } }, 'injected');

      // Teams' limits: counted over accepted sends, per conversation and per app.
      const now = Date.now();
      const mine = (history.get(conversationId) ?? []).filter((t) => t > now - longest);
      history.set(conversationId, mine);
      while (appHistory.length && appHistory[0]! <= now - longest) appHistory.shift();
      const wait = Math.max(waitFor(mine, perConversation, now), waitFor(appHistory, perApp, now));
      if (wait > 0) {
        return answer(429, { error: { code: 'Throttled', message: 'over the rate limit' } }, 'limit', { 'retry-after': String(Math.ceil(wait / 1000)) });
      }
      mine.push(now);
      appHistory.push(now);
      const base = { authorization: req.headers.authorization, at: now };
      const done = conversationOperation(req.method, parts, body, base, received, () => ++seq);
      return done ? answer(done.status, done.body) : answer(404, { error: { code: 'NotFound' } });
    })().catch((err: unknown) => {
      if (!res.headersSent) answer(500, { error: { code: 'ConnectorBug', message: String(err) } });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    received,
    calls,
    inject: (next) => {
      inject = next ?? {};
    },
    setLatency: (ms) => {
      latency = ms;
    },
    sent: (conversationId) => received.filter((r) => conversationId === undefined || r.conversationId === conversationId),
    acceptedRate(from, to) {
      const times = received.map((r) => r.at);
      if (times.length < 2) return 0;
      const start = from ?? Math.min(...times);
      const end = to ?? Math.max(...times);
      const n = times.filter((t) => t >= start && t <= end).length;
      return end > start ? n / ((end - start) / 1000) : 0;
    },
    reset() {
      received.length = 0;
      calls.length = 0;
      history.clear();
      appHistory.length = 0;
      inject = {};
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
