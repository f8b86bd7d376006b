import {
  Client,
  HTTPMessageHandler,
  RedirectHandler,
  RetryHandler,
  RetryHandlerOptions,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import type { TokenSource } from './token';

export interface GraphClientOptions {
  tokens: TokenSource;
  /** Defaults to https://graph.microsoft.com; tests point it at a local server. */
  baseUrl?: string;
  /** Seconds between retries of a 429/503/504 that carries no Retry-After (Graph's own is honoured). */
  retryDelaySeconds?: number;
  maxRetries?: number;
}

/**
 * Adds the bearer token, but only to requests for the configured Graph host: a nextLink or redirect
 * elsewhere never carries it. (The SDK's own handler also refuses plain http, which hides tokens from tests.)
 */
class BearerForHost implements Middleware {
  private next?: Middleware;
  constructor(
    private readonly tokens: TokenSource,
    private readonly origin: string,
  ) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    if (new URL(url).origin === this.origin) {
      context.options = context.options ?? {};
      const headers = new Headers(context.options.headers as HeadersInit | undefined);
      headers.set('Authorization', `Bearer ${await this.tokens.getToken()}`);
      context.options.headers = headers;
    }
    await this.next!.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** A Graph client: token for Graph only, 429/503/504 retried (Retry-After honoured), redirects followed. */
export function createGraphClient(options: GraphClientOptions): Client {
  const baseUrl = (options.baseUrl ?? 'https://graph.microsoft.com').replace(/\/?$/, '/');
  const chain: Middleware[] = [
    new BearerForHost(options.tokens, new URL(baseUrl).origin),
    new RetryHandler(new RetryHandlerOptions(options.retryDelaySeconds ?? 3, options.maxRetries ?? 3)),
    new RedirectHandler(),
    new HTTPMessageHandler(),
  ];
  return Client.initWithMiddleware({ middleware: chain, baseUrl, defaultVersion: 'v1.0' });
}
