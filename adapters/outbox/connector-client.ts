import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe } from 'node:diagnostics_channel';

/**
 * When a call's request reaches the socket. Node's fetch (undici) publishes each request it creates, in the
 * caller's async context, and again when it writes the request's headers to the socket; the call's `onSent`
 * is kept in an AsyncLocalStorage around the fetch, tied to undici's request object, and run at that write.
 * This is what the app budget counts (Teams counts a call when it arrives, which is when it leaves plus the
 * network hop), not when the call took its turn: on a busy host the two can be a few hundred ms apart.
 */
const sentHook = new AsyncLocalStorage<() => void>();
const onSocket = new WeakMap<object, () => void>();
let hooked = false;
function hookSockets(): void {
  if (hooked) return;
  hooked = true;
  subscribe('undici:request:create', (message) => {
    const onSent = sentHook.getStore();
    const request = (message as { request?: object }).request;
    if (onSent && request) onSocket.set(request, onSent);
  });
  subscribe('undici:client:sendHeaders', (message) => {
    const request = (message as { request?: object }).request;
    const onSent = request && onSocket.get(request);
    if (!request || !onSent) return;
    onSocket.delete(request);
    onSent();
  });
}

/** A failed call to the Bot Connector, with what the retry policy needs. status undefined: network error or timeout. */
export class ConnectorError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly retryAfter?: string | null,
    /**
     * The connector may have accepted the message before the failure (a timeout, a dropped connection, a 5xx):
     * sending it again may deliver it twice. False when it cannot have arrived (refused, 4xx).
     */
    readonly mayHaveArrived = status === undefined || status >= 500,
  ) {
    super(message);
    this.name = 'ConnectorError';
  }
}

export interface ConnectorTarget {
  serviceUrl: string;
  conversationId: string;
}

export interface ConnectorClientOptions {
  /** A bearer token for the connector; undefined when running locally without an app id. */
  token: () => Promise<string | undefined>;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * The two Bot Connector calls the outbox makes, over plain fetch. (botbuilder's ConnectorClient retries
 * 429s and 5xx inside the call and sleeps on Retry-After: the outbox must see every failure itself to
 * record it, pace the conversation and never hold a function instance waiting.)
 */
export class ConnectorClient {
  constructor(private readonly options: ConnectorClientOptions) {}

  /**
   * POST /v3/conversations/{id}/activities; returns the new activity's id. `onSent` runs when the request is
   * written to the socket (with Node's own fetch; never with another `fetch`, or if it never connected).
   */
  send(target: ConnectorTarget, activity: Record<string, unknown>, onSent?: () => void): Promise<string> {
    return this.call('POST', target, `/activities`, activity, onSent);
  }

  /** PUT /v3/conversations/{id}/activities/{activityId}: replaces an earlier activity (a refreshed card). */
  update(target: ConnectorTarget, activityId: string, activity: Record<string, unknown>, onSent?: () => void): Promise<string> {
    return this.call('PUT', target, `/activities/${encodeURIComponent(activityId)}`, { ...activity, id: activityId }, onSent);
  }

  private async call(method: string, target: ConnectorTarget, path: string, body: Record<string, unknown>, onSent?: () => void): Promise<string> {
    const base = target.serviceUrl.endsWith('/') ? target.serviceUrl : `${target.serviceUrl}/`;
    const url = `${base}v3/conversations/${encodeURIComponent(target.conversationId)}${path}`;
    const token = await this.options.token();
    let res: Response;
    try {
      const request = () =>
        (this.options.fetch ?? fetch)(url, {
          method,
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
        });
      if (onSent) hookSockets();
      // Only the fetch runs inside the hook's context (not the token's requests).
      res = await (onSent ? sentHook.run(onSent, request) : request());
    } catch (err) {
      // Never connected (refused, no such host): it cannot have arrived. Anything else (a timeout, a reset) may have.
      const code = (err as { cause?: { code?: string } }).cause?.code ?? '';
      const neverSent = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'].includes(code);
      throw new ConnectorError(`connector unreachable: ${(err as Error).message}${code ? ` (${code})` : ''}`, undefined, undefined, !neverSent);
    }
    const text = await res.text().catch(() => '');
    if (!res.ok) throw new ConnectorError(`connector answered ${res.status}: ${text.slice(0, 200)}`, res.status, res.headers.get('retry-after'));
    try {
      const id = (JSON.parse(text) as { id?: unknown }).id;
      return typeof id === 'string' ? id : '';
    } catch {
      return ''; // accepted without an id (some channels): still sent
    }
  }
}
