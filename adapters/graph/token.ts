import { z } from 'zod';

/** Something that hands out a bearer token for Microsoft Graph. */
export interface TokenSource {
  getToken(): Promise<string>;
}

const GRAPH_RESOURCE = 'https://graph.microsoft.com';
// Renew five minutes early, so a token never expires in flight.
const EARLY_MS = 5 * 60_000;

/** Caches one token until shortly before it expires; concurrent callers share one fetch. */
function cached(fetchToken: () => Promise<{ token: string; expiresAt: number }>, now: () => number): TokenSource {
  let current: { token: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;
  return {
    getToken() {
      if (current && current.expiresAt - EARLY_MS > now()) return Promise.resolve(current.token);
      pending ??= fetchToken()
        .then((t) => {
          current = t;
          return t.token;
        })
        .finally(() => {
          pending = undefined;
        });
      return pending;
    },
  };
}

async function postOrGet(url: string, init: RequestInit, what: string): Promise<unknown> {
  const res = await fetch(url, init);
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw new Error(`${what} failed with HTTP ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

export interface ManagedIdentityOptions {
  /** IDENTITY_ENDPOINT and IDENTITY_HEADER, which App Service and Functions set for the app. */
  endpoint: string;
  header: string;
  /** The user-assigned identity's client id. */
  clientId: string;
  /** Defaults to Microsoft Graph. */
  resource?: string;
  now?: () => number;
}

const MsiTokenSchema = z.object({ access_token: z.string().min(1), expires_on: z.coerce.number() });

/** Graph tokens from the app's user-assigned managed identity: no secret anywhere. */
export function managedIdentityToken(options: ManagedIdentityOptions): TokenSource {
  const now = options.now ?? Date.now;
  return cached(async () => {
    const url = new URL(options.endpoint);
    url.searchParams.set('resource', options.resource ?? GRAPH_RESOURCE);
    url.searchParams.set('api-version', '2019-08-01');
    url.searchParams.set('client_id', options.clientId);
    const body = MsiTokenSchema.parse(
      await postOrGet(url.toString(), { headers: { 'X-IDENTITY-HEADER': options.header } }, 'Managed identity token request'),
    );
    return { token: body.access_token, expiresAt: body.expires_on * 1000 };
  }, now);
}

export interface ClientSecretOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Defaults to https://login.microsoftonline.com. */
  authorityHost?: string;
  now?: () => number;
}

const ClientCredentialsTokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number() });

/** Graph tokens by client credentials (an app registration's secret), for a tenant without managed identity. */
export function clientSecretToken(options: ClientSecretOptions): TokenSource {
  const now = options.now ?? Date.now;
  const authority = (options.authorityHost ?? 'https://login.microsoftonline.com').replace(/\/$/, '');
  return cached(async () => {
    const form = new URLSearchParams({
      client_id: options.clientId,
      client_secret: options.clientSecret,
      scope: `${GRAPH_RESOURCE}/.default`,
      grant_type: 'client_credentials',
    });
    const started = now();
    const body = ClientCredentialsTokenSchema.parse(
      await postOrGet(
        `${authority}/${encodeURIComponent(options.tenantId)}/oauth2/v2.0/token`,
        { method: 'POST', body: form, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
        'Client credentials token request',
      ),
    );
    return { token: body.access_token, expiresAt: started + body.expires_in * 1000 };
  }, now);
}

/** The shape of @azure/core-auth's TokenCredential, so Azure SDK clients can use the managed identity too. */
export interface TokenCredentialLike {
  getToken(scopes: string | string[]): Promise<{ token: string; expiresOnTimestamp: number } | null>;
}

/**
 * A TokenCredential for Azure SDK clients (Tables, Queues) from the same managed identity, one cached
 * token per resource: `new TableClient(url, table, managedIdentityCredential({...}))`.
 */
export function managedIdentityCredential(options: Omit<ManagedIdentityOptions, 'resource'>): TokenCredentialLike {
  const now = options.now ?? Date.now;
  const perResource = new Map<string, TokenSource>();
  return {
    async getToken(scopes) {
      const scope = [scopes].flat()[0] ?? '';
      const resource = scope.replace(/\/\.default$/, '');
      let source = perResource.get(resource);
      if (!source) perResource.set(resource, (source = managedIdentityToken({ ...options, resource, now })));
      // A fresh token has at least five minutes left (see cached): report that much, conservatively.
      return { token: await source.getToken(), expiresOnTimestamp: now() + EARLY_MS };
    },
  };
}
