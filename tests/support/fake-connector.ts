// A local HTTP server that plays the Bot Connector: it records every activity the bot sends and can be
// told to answer 429 (with or without Retry-After), 500 or 403, for the next N calls or a share of calls.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedActivity {
  /** 'send' for a new activity, 'update' for a PUT that replaces one, 'create' for a new conversation. */
  op: 'send' | 'update' | 'create';
  conversationId: string;
  /** The id the connector gave this activity (for 'update', the id of the activity it replaced). */
  id: string;
  replyToId?: string;
  authorization?: string;
  activity: Record<string, unknown>;
  at: number;
}

export interface Failure {
  status: 429 | 500 | 502 | 503 | 403 | 404 | 412;
  /** Retry-After header value (seconds, or an HTTP date), for 429s. */
  retryAfter?: string;
}

export interface FakeConnector {
  serviceUrl: string;
  received: ReceivedActivity[];
  /** Every request, answered or failed, in arrival order; `at` is when it arrived (ms). */
  calls: { method: string; path: string; status: number; at: number }[];
  /** The next `count` calls fail this way. */
  failNext(count: number, failure: Failure): void;
  /** From now on, this share (0..1) of calls fails this way, chosen at random. */
  failShare(share: number, failure: Failure): void;
  /** Only calls for this conversation fail (combined with failNext/failShare); undefined: any conversation. */
  failOnlyFor(conversationId: string | undefined): void;
  /** Delay before answering each call, in ms (Teams takes 100-300 ms). */
  setDelay(ms: number): void;
  /** Activities sent to one conversation, or to all. */
  sent(conversationId?: string): ReceivedActivity[];
  reset(): void;
  stop(): Promise<void>;
}

const readJson = (req: IncomingMessage): Promise<Record<string, unknown>> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text ? (JSON.parse(text) as Record<string, unknown>) : {});
      } catch (err) {
        reject(err as Error);
      }
    });
    req.on('error', reject);
  });

/**
 * The Bot Connector's conversation operations as both stand-ins answer them (this one and
 * rate-limited-connector.ts): create a conversation, send an activity, update one. Records what arrived
 * and gives the answer; undefined for any other request. `parts` is the path split on '/'.
 */
export function conversationOperation(
  method: string | undefined,
  parts: readonly string[],
  activity: Record<string, unknown>,
  base: { authorization?: string; at: number },
  received: ReceivedActivity[],
  nextSeq: () => number,
): { status: number; body: Record<string, unknown> } | undefined {
  const conversationId = parts[2] ?? '';
  if (method === 'POST' && parts.length === 2) {
    const n = nextSeq();
    const id = `conv-${n}`;
    received.push({ ...base, op: 'create', conversationId: id, id, activity });
    return { status: 201, body: { id, activityId: `act-${n}` } };
  }
  if (method === 'POST' && parts[3] === 'activities') {
    const id = `act-${nextSeq()}`;
    received.push({ ...base, op: 'send', conversationId, id, replyToId: parts[4], activity });
    return { status: 200, body: { id } };
  }
  if (method === 'PUT' && parts[3] === 'activities' && parts[4]) {
    received.push({ ...base, op: 'update', conversationId, id: parts[4], activity });
    return { status: 200, body: { id: parts[4] } };
  }
  return undefined;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const received: ReceivedActivity[] = [];
  const calls: FakeConnector['calls'] = [];
  let nextFailures: { count: number; failure: Failure } | undefined;
  let share: { share: number; failure: Failure } | undefined;
  let onlyFor: string | undefined;
  let delay = 0;
  let seq = 0;

  const pickFailure = (conversationId: string): Failure | undefined => {
    if (onlyFor !== undefined && conversationId !== onlyFor) return undefined;
    if (nextFailures && nextFailures.count > 0) {
      nextFailures.count--;
      return nextFailures.failure;
    }
    if (share && Math.random() < share.share) return share.failure;
    return undefined;
  };

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const arrivedAt = Date.now();
    const answer = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      calls.push({ method: req.method ?? '', path: url.pathname, status, at: arrivedAt });
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    try {
      const body = await readJson(req);
      if (delay) await new Promise((r) => setTimeout(r, delay));
      // /v3/conversations[/{id}/activities[/{activityId}]]
      if (parts[0] !== 'v3' || parts[1] !== 'conversations') return answer(404, { error: { code: 'NotFound' } });
      const conversationId = parts[2] ?? '';
      const failure = pickFailure(conversationId);
      if (failure) {
        const headers: Record<string, string> = failure.retryAfter ? { 'retry-after': failure.retryAfter } : {};
        return answer(failure.status, { error: { code: `Injected${failure.status}`, message: 'injected by the test' } }, headers);
      }
      const authorization = req.headers.authorization;
      const base = { authorization, at: Date.now() };
      const done = conversationOperation(req.method, parts, body, base, received, () => ++seq);
      return done ? answer(done.status, done.body) : answer(404, { error: { code: 'NotFound' } });
    } catch (err) {
      return answer(400, { error: { code: 'BadRequest', message: String(err) } });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    received,
    calls,
    failNext: (count, failure) => {
      nextFailures = { count, failure };
    },
    failShare: (s, failure) => {
      share = s > 0 ? { share: s, failure } : undefined;
    },
    failOnlyFor: (id) => {
      onlyFor = id;
    },
    setDelay: (ms) => {
      delay = ms;
    },
    sent: (conversationId) => received.filter((r) => conversationId === undefined || r.conversationId === conversationId),
    reset: () => {
      received.length = 0;
      calls.length = 0;
      nextFailures = undefined;
      share = undefined;
      onlyFor = undefined;
      delay = 0;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
