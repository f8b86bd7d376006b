import {
  Client,
  HTTPMessageHandler,
  RedirectHandler,
  RetryHandler,
  RetryHandlerOptions,
  type AuthenticationProvider,
  type Context,
  type Middleware,
  type MiddlewareOptions,
} from '@microsoft/microsoft-graph-client';

export interface GraphClientOptions {
  /** Where the bearer token comes from (managedIdentityAuth in Azure). */
  authProvider: AuthenticationProvider;
  /** Defaults to https://graph.microsoft.com; tests point it at a local server. */
  baseUrl?: string;
  /** Seconds between retries of a 429/503/504 that carries no Retry-After (Graph's own is honoured). */
  retryDelaySeconds?: number;
  maxRetries?: number;
  /** The most one call may take, retries included (default GRAPH_TIMEOUT_MS); a call can ask for more with GraphTimeout. */
  timeoutMs?: number;
}

/** A bot turn reads roles through Graph and must answer well inside Teams' 5 seconds. */
export const GRAPH_TIMEOUT_MS = 2_000;

/** Per-request deadline, for calls made off the turn path (installing the app from the outbox). */
export class GraphTimeout implements MiddlewareOptions {
  constructor(readonly ms: number) {}
}

/** Ends a call (retries and waits included) at its deadline: the fetch is aborted and the caller gets an error. */
class Deadline implements Middleware {
  private next?: Middleware;
  constructor(private readonly defaultMs: number) {}

  async execute(context: Context): Promise<void> {
    const option = context.middlewareControl?.getMiddlewareOptions(GraphTimeout) as GraphTimeout | undefined;
    const ms = option?.ms ?? this.defaultMs;
    const abort = new AbortController();
    context.options = { ...context.options, signal: abort.signal };
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new Error(`Microsoft Graph did not answer within ${ms} ms`));
      }, ms);
    });
    try {
      await Promise.race([this.next!.execute(context), expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/**
 * Adds the bearer token, but only to requests for the configured Graph host: a nextLink or redirect
 * elsewhere never carries it. (The SDK's own handler also refuses plain http, which hides tokens from tests.)
 */
class BearerForHost implements Middleware {
  private next?: Middleware;
  constructor(
    private readonly authProvider: AuthenticationProvider,
    private readonly origin: string,
  ) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    if (new URL(url).origin === this.origin) {
      context.options = context.options ?? {};
      const headers = new Headers(context.options.headers as HeadersInit | undefined);
      headers.set('Authorization', `Bearer ${await this.authProvider.getAccessToken()}`);
      context.options.headers = headers;
    }
    await this.next!.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** A Graph client: a deadline per call, token for Graph only, 429/503/504 retried (Retry-After honoured), redirects followed. */
export function createGraphClient(options: GraphClientOptions): Client {
  const baseUrl = (options.baseUrl ?? 'https://graph.microsoft.com').replace(/\/?$/, '/');
  const chain: Middleware[] = [
    new Deadline(options.timeoutMs ?? GRAPH_TIMEOUT_MS),
    new BearerForHost(options.authProvider, new URL(baseUrl).origin),
    new RetryHandler(new RetryHandlerOptions(options.retryDelaySeconds ?? 3, options.maxRetries ?? 3)),
    new RedirectHandler(),
    new HTTPMessageHandler(),
  ];
  return Client.initWithMiddleware({ middleware: chain, baseUrl, defaultVersion: 'v1.0' });
}
