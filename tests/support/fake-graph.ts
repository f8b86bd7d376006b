import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server that answers as Microsoft Graph documents (v1.0): users by id or UPN, managers,
 * group members with @odata.nextLink paging, proactive app installation (201, then 409) and the bot's
 * chat; plus App Service's managed-identity token endpoint (GET with X-IDENTITY-HEADER, api-version
 * 2019-08-01, resource and client_id; access_token with expires_on in epoch seconds). It records every
 * request and can be told to throttle (429 with Retry-After) or fail.
 */
export interface FakeUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  mail?: string;
  jobTitle?: string;
  department?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization?: string;
  body?: unknown;
}

interface Fault {
  match: (method: string, path: string) => boolean;
  /** An HTTP status, or 'hang' (no answer until the caller gives up or delayMs passes). */
  status: number | 'hang';
  retryAfter?: string;
  /** Wait this long before answering (a slow Graph); with 'hang', before answering normally. */
  delayMs?: number;
  remaining: number;
}

const IDENTITY_HEADER = 'fake-identity-header';
const live: FakeGraph[] = [];
let identityEndpoint: Promise<string> | undefined;

/**
 * App Service gives a process one managed-identity endpoint, and @azure/identity settles on the first it
 * sees; so a test file has one, answering (and recording) as the FakeGraph started last.
 */
function sharedIdentityEndpoint(): Promise<string> {
  identityEndpoint ??= new Promise((resolve) => {
    const server = createServer((req, res) => {
      res.setHeader('Connection', 'close'); // no idle socket keeps the test process alive
      const graph = live.at(-1);
      if (!graph) return send(res, 503, { error: 'no FakeGraph is running' });
      graph.serve(req, res);
    });
    server.listen(0, '127.0.0.1', () => {
      server.unref();
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/msi/token`);
    });
  });
  return identityEndpoint;
}

export class FakeGraph {
  readonly users = new Map<string, FakeUser>();
  /** person id -> manager: a user id, or a contact (which Graph returns as an orgContact). */
  readonly managers = new Map<string, string | { contact: string }>();
  /** group id -> member ids (users or other groups: members of nested groups are members too). */
  readonly groups = new Map<string, string[]>();
  /** Apps in the tenant's catalogue, by catalogue id. */
  readonly catalog = new Set<string>();
  /** user id -> app id -> installation. */
  readonly installations = new Map<string, Map<string, { id: string; chatId: string }>>();
  /** App ids the tenant's policy blocks (install answers 403). */
  readonly blockedApps = new Set<string>();
  readonly requests: RecordedRequest[] = [];
  pageSize = 100;
  /** Token the token endpoints hand out; Graph calls must carry it. */
  token = 'fake-graph-token-1';
  tokenLifetimeSeconds = 3600;
  readonly identityHeader = IDENTITY_HEADER;
  /** The managed-identity endpoint, also in process.env.IDENTITY_ENDPOINT where @azure/identity finds it. */
  identityEndpoint = '';
  private readonly faults: Fault[] = [];
  private server?: Server;
  baseUrl = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.serve(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.identityEndpoint = await sharedIdentityEndpoint();
    process.env.IDENTITY_ENDPOINT = this.identityEndpoint;
    process.env.IDENTITY_HEADER = IDENTITY_HEADER;
    live.push(this);
    return this;
  }

  async stop(): Promise<void> {
    live.splice(live.indexOf(this), 1);
    this.server?.closeAllConnections(); // a hung request must not keep the server open
    await new Promise<void>((resolve, reject) => this.server?.close((err) => (err ? reject(err) : resolve())) ?? resolve());
  }

  /**
   * The next `times` requests matching `path` are slow: with no delay they hang until the caller hangs up;
   * with `delayMs` they are answered normally after it.
   */
  hangNext(path: string | RegExp, options: { delayMs?: number; times?: number } = {}): void {
    this.faults.push({
      match: (_method, p) => (typeof path === 'string' ? p.includes(path) : path.test(p)),
      status: 'hang',
      delayMs: options.delayMs,
      remaining: options.times ?? 1,
    });
  }

  /** The next `times` requests matching `path` (a substring or RegExp of the path) answer `status`. */
  failNext(path: string | RegExp, options: { status: number; retryAfter?: string; times?: number; method?: string }): void {
    this.faults.push({
      match: (method, p) =>
        (!options.method || options.method === method) && (typeof path === 'string' ? p.includes(path) : path.test(p)),
      status: options.status,
      retryAfter: options.retryAfter,
      remaining: options.times ?? 1,
    });
  }

  addUser(user: FakeUser): FakeUser {
    this.users.set(user.id, user);
    return user;
  }

  graphRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path.startsWith('/v1.0/'));
  }

  /** Answers a request (the shared identity endpoint hands its requests here too). */
  serve(req: IncomingMessage, res: ServerResponse): void {
    this.handle(req, res).catch((err: unknown) => {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'FakeGraphBug', message: String(err) } }));
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const path = decodeURIComponent(url.pathname);
    const method = req.method ?? 'GET';
    const raw = await new Promise<string>((resolve) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString()));
      req.on('end', () => resolve(data));
    });
    const body = raw ? (req.headers['content-type']?.includes('json') ? (JSON.parse(raw) as unknown) : raw) : undefined;
    this.requests.push({ method, path, query: url.searchParams, authorization: req.headers.authorization, body });

    const fault = this.faults.find((f) => f.remaining > 0 && f.match(method, path));
    if (fault?.status === 'hang') {
      fault.remaining--;
      if (fault.delayMs === undefined) return void (await new Promise<void>((resolve) => req.socket.once('close', resolve)));
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    } else if (fault) {
      fault.remaining--;
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (fault.retryAfter !== undefined) headers['Retry-After'] = fault.retryAfter;
      return send(res, fault.status, { error: { code: fault.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable', message: 'Injected fault' } }, headers);
    }

    if (path === '/msi/token') return this.managedIdentityToken(req, url, res);
    if (!path.startsWith('/v1.0/')) return notFound(res, 'No such endpoint');
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      return send(res, 401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty or invalid.' } });
    }
    return this.graph(method, path.slice('/v1.0'.length), url, body, res);
  }

  private managedIdentityToken(req: IncomingMessage, url: URL, res: ServerResponse): void {
    if (req.headers['x-identity-header'] !== this.identityHeader) return send(res, 401, { error: 'missing identity header' });
    const resource = url.searchParams.get('resource');
    if (!resource) return send(res, 400, { error: 'resource is required' });
    const expiresOn = Math.floor(Date.now() / 1000) + this.tokenLifetimeSeconds;
    // Graph gets the token Graph calls must carry; any other resource gets a token naming it.
    const token = resource === 'https://graph.microsoft.com' ? this.token : `token-for-${resource}`;
    send(res, 200, { access_token: token, expires_on: String(expiresOn), resource, token_type: 'Bearer', client_id: url.searchParams.get('client_id') });
  }

  private graph(method: string, path: string, url: URL, body: unknown, res: ServerResponse): void {
    let m: RegExpExecArray | null;
    if (method === 'GET' && (m = /^\/users\/([^/]+)\/manager$/.exec(path))) {
      const manager = this.managers.get(this.findUser(m[1]!)?.id ?? '');
      if (manager === undefined) return notFound(res, 'Resource \'manager\' does not exist or one of its queried reference-property objects are not present.');
      if (typeof manager !== 'string') return send(res, 200, { '@odata.type': '#microsoft.graph.orgContact', id: manager.contact, displayName: 'A contact' });
      const user = this.users.get(manager);
      return user ? send(res, 200, { '@odata.type': '#microsoft.graph.user', ...user }) : notFound(res, 'manager gone');
    }
    if (method === 'GET' && (m = /^\/users\/([^/]+)$/.exec(path))) {
      const user = this.findUser(m[1]!);
      return user ? send(res, 200, user) : notFound(res, `Resource '${m[1]}' does not exist or one of its queried reference-property objects are not present.`);
    }
    if (method === 'GET' && (m = /^\/groups\/([^/]+)\/transitiveMembers\/microsoft\.graph\.user$/.exec(path))) {
      if (!this.groups.has(m[1]!)) return notFound(res, `Resource '${m[1]}' does not exist`);
      const all = [...new Map(this.transitiveUsers(m[1]!).map((u) => [u.id, u])).values()];
      const top = Math.min(Number(url.searchParams.get('$top') ?? 100), this.pageSize);
      const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
      const page: Record<string, unknown> = { '@odata.context': `${this.baseUrl}/v1.0/$metadata#users`, value: all.slice(skip, skip + top) };
      if (skip + top < all.length) {
        const next = new URL(`${this.baseUrl}/v1.0${url.pathname.slice('/v1.0'.length)}`);
        url.searchParams.forEach((v, k) => k !== '$skiptoken' && next.searchParams.set(k, v));
        next.searchParams.set('$skiptoken', String(skip + top));
        page['@odata.nextLink'] = next.toString();
      }
      return send(res, 200, page);
    }
    if ((m = /^\/users\/([^/]+)\/teamwork\/installedApps$/.exec(path))) {
      const user = this.findUser(m[1]!);
      if (!user) return notFound(res, 'User not found');
      const mine = this.installations.get(user.id) ?? new Map<string, { id: string; chatId: string }>();
      this.installations.set(user.id, mine);
      if (method === 'POST') {
        const bind = (body as Record<string, unknown> | undefined)?.['teamsApp@odata.bind'];
        const appId = typeof bind === 'string' ? /\/appCatalogs\/teamsApps\/([^/]+)$/.exec(bind)?.[1] : undefined;
        if (!appId) return send(res, 400, { error: { code: 'BadRequest', message: 'teamsApp@odata.bind is required' } });
        if (!this.catalog.has(appId)) return notFound(res, 'App not found in the catalog');
        if (this.blockedApps.has(appId)) return send(res, 403, { error: { code: 'Forbidden', message: 'App is blocked by app permission policy' } });
        if (mine.has(appId)) return send(res, 409, { error: { code: 'Conflict', message: 'App is already installed.' } });
        const n = mine.size + 1;
        mine.set(appId, { id: `inst-${user.id}-${n}`, chatId: `19:${user.id}_${appId}@unq.gbl.spaces` });
        return send(res, 201);
      }
      const filter = /^teamsApp\/id eq '([^']+)'$/.exec(url.searchParams.get('$filter') ?? '')?.[1];
      const value = [...mine.entries()]
        .filter(([appId]) => !filter || appId === filter)
        .map(([appId, inst]) => ({ id: inst.id, teamsApp: { id: appId, externalId: 'manifest-id', displayName: 'Golden Thread', distributionMethod: 'organization' } }));
      return send(res, 200, { value });
    }
    if (method === 'GET' && (m = /^\/users\/([^/]+)\/teamwork\/installedApps\/([^/]+)\/chat$/.exec(path))) {
      const user = this.findUser(m[1]!);
      const inst = [...(this.installations.get(user?.id ?? '')?.values() ?? [])].find((i) => i.id === m![2]);
      return inst ? send(res, 200, { id: inst.chatId, chatType: 'oneOnOne' }) : notFound(res, 'Installation not found');
    }
    notFound(res, `No fake for ${method} ${path}`);
  }

  private findUser(idOrUpn: string): FakeUser | undefined {
    return this.users.get(idOrUpn) ?? [...this.users.values()].find((u) => u.userPrincipalName.toLowerCase() === idOrUpn.toLowerCase());
  }

  private transitiveUsers(groupId: string, seen = new Set<string>()): FakeUser[] {
    seen.add(groupId);
    return (this.groups.get(groupId) ?? []).flatMap((id) => {
      if (this.groups.has(id)) return seen.has(id) ? [] : this.transitiveUsers(id, seen);
      const user = this.users.get(id);
      return user ? [user] : [];
    });
  }
}

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

function notFound(res: ServerResponse, message: string): void {
  send(res, 404, { error: { code: 'Request_ResourceNotFound', message } });
}
