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

  /** POST /v3/conversations/{id}/activities; returns the new activity's id. */
  send(target: ConnectorTarget, activity: Record<string, unknown>): Promise<string> {
    return this.call('POST', target, `/activities`, activity);
  }

  /** PUT /v3/conversations/{id}/activities/{activityId}: replaces an earlier activity (a refreshed card). */
  update(target: ConnectorTarget, activityId: string, activity: Record<string, unknown>): Promise<string> {
    return this.call('PUT', target, `/activities/${encodeURIComponent(activityId)}`, { ...activity, id: activityId });
  }

  private async call(method: string, target: ConnectorTarget, path: string, body: Record<string, unknown>): Promise<string> {
    const base = target.serviceUrl.endsWith('/') ? target.serviceUrl : `${target.serviceUrl}/`;
    const url = `${base}v3/conversations/${encodeURIComponent(target.conversationId)}${path}`;
    const token = await this.options.token();
    let res: Response;
    try {
      res = await (this.options.fetch ?? fetch)(url, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
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
