// The local Azure Functions host: serves exactly the registrations Azure gets (the same built dist/app
// folder that is deployed, loaded as the worker loads it), HTTP under /api, timers on their NCRONTAB schedules (UTC), storage-queue
// triggers by polling (base64, poison queue after maxDequeueCount), and the host's admin API.
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CronExpressionParser } from 'cron-parser';
import type { QueueServiceClient } from '@azure/storage-queue';
import type * as core from './functions-core-shim';
import { FunctionSummary, loadFunctionApp, loadFunctions, summarize, triggerOf } from './load-functions';
import { invoke, LogSink, rpcBytes, runAppHooks } from './local-invoke';
import { matchRoute } from './local-routes';

export interface LocalHostOptions {
  port?: number;
  host?: string;
  /** The built function app, as deployed (package.json "main", host.json); default dist/app beside this file. */
  appDir?: string;
  /** Instead of a built app: every function file in this folder, from source (tests under Jest). */
  functionsDir?: string;
  /** App settings, merged into process.env before the function files load (they read config at load). */
  env?: Record<string, string>;
  /** Folder holding host.json; default the app folder, or the project root with `functionsDir`. */
  rootDir?: string;
  /** Turn off timers (tests run them through the admin API instead). */
  timers?: boolean;
  log?: LogSink;
}

export interface LocalHost {
  url: string;
  port: number;
  functions: FunctionSummary[];
  /** Runs a non-HTTP function now, as POST /admin/functions/{name} does, and waits for it. */
  run(name: string, input?: string): Promise<void>;
  stop(): Promise<void>;
}

interface HostJson {
  extensions?: { http?: { routePrefix?: string }; queues?: { maxDequeueCount?: number; batchSize?: number; visibilityTimeout?: string } };
}

const seconds = (span: string | undefined): number => {
  const m = /^(\d+):(\d+):(\d+)$/.exec(span ?? '');
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : 0;
};
// '%NAME%' in a binding refers to an app setting, as in Azure.
const setting = (value: string | undefined): string | undefined =>
  value?.replace(/%([^%]+)%/g, (_, name: string) => process.env[name] ?? '');

export async function startLocalHost(options: LocalHostOptions = {}): Promise<LocalHost> {
  const log = options.log ?? ((line: string) => console.log(line));
  const appDir = options.functionsDir ? undefined : (options.appDir ?? join(__dirname, '..', 'app'));
  const rootDir = options.rootDir ?? appDir ?? resolve(__dirname, '..');
  Object.assign(process.env, options.env);
  const hostJson = JSON.parse(readFileSync(join(rootDir, 'host.json'), 'utf8')) as HostJson;
  const routePrefix = hostJson.extensions?.http?.routePrefix ?? 'api';
  const queueOptions = {
    maxDequeueCount: hostJson.extensions?.queues?.maxDequeueCount ?? 5,
    batchSize: hostJson.extensions?.queues?.batchSize ?? 16,
    retryDelay: seconds(hostJson.extensions?.queues?.visibilityTimeout),
  };

  const loaded = appDir ? await loadFunctionApp(appDir) : loadFunctions(options.functionsDir!);
  const registrations = new Map(loaded.map((r) => [r.metadata.name, r]));
  const functions = [...registrations.values()].map(summarize);
  await runAppHooks('appStart', rootDir);

  const running = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    running.add(p);
    void p.finally(() => running.delete(p)).catch(() => undefined);
    return p;
  };

  // Non-HTTP invocations: timers and queue messages.
  const busy = new Set<string>();
  async function runTimer(reg: core.Registration, isPastDue = false): Promise<void> {
    const name = reg.metadata.name;
    if (busy.has(name)) return log(`[${name}] still running: this occurrence is skipped, as in Azure`);
    busy.add(name);
    const started = Date.now();
    try {
      const timer = { Schedule: { AdjustForDST: false }, ScheduleStatus: null, IsPastDue: isPastDue };
      const res = await invoke(reg, { trigger: { json: JSON.stringify(timer) } }, log);
      await writeOutputs(reg, res);
      log(`[${name}] succeeded in ${Date.now() - started} ms`);
    } catch (err) {
      log(`[${name}] failed: ${(err as Error)?.stack ?? String(err)}`);
    } finally {
      busy.delete(name);
    }
  }

  const queueClients = new Map<string, QueueServiceClient>();
  function queueService(connectionSetting: string | undefined): QueueServiceClient {
    const name = connectionSetting ?? 'AzureWebJobsStorage';
    const conn = process.env[name] ?? process.env[`${name}__connectionString`] ?? process.env.STORAGE_CONNECTION;
    if (!conn) throw new Error(`app setting ${name} (a storage connection string) is not set`);
    let client = queueClients.get(conn);
    if (!client) {
      // Loaded only when a queue binding is used, so HTTP-only runs stay light.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { QueueServiceClient: Client } = require('@azure/storage-queue') as typeof import('@azure/storage-queue');
      client = Client.fromConnectionString(conn);
      queueClients.set(conn, client);
    }
    return client;
  }

  async function enqueue(binding: core.RpcBindingInfo, data: core.RpcTypedData | null | undefined): Promise<void> {
    if (!data) return;
    const queue = queueService(binding.connection as string | undefined).getQueueClient(setting(binding.queueName as string)!);
    await queue.createIfNotExists();
    const text = rpcBytes(data).toString('utf8');
    // An array output is one message per item, as the queue extension does.
    const items: unknown[] = data.json !== undefined && text.startsWith('[') ? (JSON.parse(text) as unknown[]) : [text];
    for (const item of items) {
      const body = typeof item === 'string' ? item : JSON.stringify(item);
      await queue.sendMessage(Buffer.from(body).toString('base64'));
    }
  }

  async function writeOutputs(reg: core.Registration, res: core.RpcInvocationResponse): Promise<void> {
    const bindings = reg.metadata.bindings;
    const outs = [...(res.outputData ?? [])];
    if (res.returnValue && bindings.$return && bindings.$return.type !== 'http') outs.push({ name: '$return', data: res.returnValue });
    for (const out of outs) {
      const binding = bindings[out.name];
      if (binding?.type === 'queue') await enqueue(binding, out.data);
      else if (binding) log(`[${reg.metadata.name}] output binding type ${binding.type} is not supported by the local host`);
    }
  }

  async function runQueueMessage(reg: core.Registration, text: string, meta: Record<string, unknown>): Promise<void> {
    const triggerMetadata = Object.fromEntries(Object.entries(meta).map(([k, v]) => [k, { json: JSON.stringify(v) }]));
    const res = await invoke(reg, { trigger: { string: text }, triggerMetadata }, log);
    await writeOutputs(reg, res);
  }

  // Queue triggers: poll, run, delete on success; after maxDequeueCount failures, move to <queue>-poison.
  let stopping = false;
  const pollers: Promise<void>[] = [];
  // Queue triggers whose first poll has not yet come back. Azure's Functions host polls queues in its own
  // process, not in the Node worker, so the bench's cold start waits for these (host status `triggersPolling`)
  // before it times the worker's first request.
  let firstPolls = [...registrations.values()].filter((r) => summarize(r).kind === 'queue').length;
  const decode = (b64: string): string | undefined => {
    const buf = Buffer.from(b64, 'base64');
    return buf.toString('base64').replace(/=+$/, '') === b64.replace(/=+$/, '') ? buf.toString('utf8') : undefined;
  };
  async function poll(reg: core.Registration): Promise<void> {
    const t = triggerOf(reg);
    const queueName = setting(t.queueName as string)!;
    const service = queueService(t.connection as string | undefined);
    const queue = service.getQueueClient(queueName);
    const poison = service.getQueueClient(`${queueName}-poison`);
    let delay = 100;
    let first = true;
    while (!stopping) {
      try {
        await queue.createIfNotExists();
        const { receivedMessageItems: items } = await queue.receiveMessages({ numberOfMessages: queueOptions.batchSize, visibilityTimeout: 600 });
        await Promise.all(items.map((m) => track((async () => {
          const text = decode(m.messageText);
          const fail = async (why: string) => {
            if (text === undefined || m.dequeueCount >= queueOptions.maxDequeueCount) {
              log(`[${reg.metadata.name}] message ${m.messageId} moved to ${queueName}-poison (${why})`);
              await poison.createIfNotExists();
              await poison.sendMessage(m.messageText);
              await queue.deleteMessage(m.messageId, m.popReceipt);
            } else {
              log(`[${reg.metadata.name}] message ${m.messageId} failed (attempt ${m.dequeueCount}): ${why}`);
              await queue.updateMessage(m.messageId, m.popReceipt, undefined, queueOptions.retryDelay);
            }
          };
          if (text === undefined) return fail('not base64: the host decodes queue messages as base64');
          try {
            await runQueueMessage(reg, text, {
              Id: m.messageId, DequeueCount: m.dequeueCount, InsertionTime: m.insertedOn, ExpirationTime: m.expiresOn,
              NextVisibleTime: m.nextVisibleOn, PopReceipt: m.popReceipt, QueueTrigger: text,
            });
            await queue.deleteMessage(m.messageId, m.popReceipt);
          } catch (err) {
            await fail((err as Error)?.message ?? String(err));
          }
        })())));
        delay = items.length ? 0 : Math.min(Math.max(delay * 2, 100), 2000);
      } catch (err) {
        if (!stopping) log(`[${reg.metadata.name}] polling ${queueName} failed: ${(err as Error).message}`);
        delay = 2000;
      }
      if (first) firstPolls--;
      first = false;
      if (delay && !stopping) await new Promise((r) => setTimeout(r, delay));
    }
  }

  // Timers: six-field NCRONTAB in UTC; the next occurrence is recomputed after each run.
  const timerHandles = new Map<string, NodeJS.Timeout>();
  function schedule(reg: core.Registration): void {
    const expr = setting(triggerOf(reg).schedule as string)!;
    const next = CronExpressionParser.parse(expr, { tz: 'UTC', currentDate: new Date() }).next().toDate();
    const wait = Math.min(next.getTime() - Date.now(), 2 ** 31 - 1);
    timerHandles.set(reg.metadata.name, setTimeout(() => {
      if (stopping) return;
      if (Date.now() >= next.getTime()) void track(runTimer(reg));
      schedule(reg);
    }, Math.max(wait, 0)));
  }

  // HTTP: the worker's request shape in, the library's response shape out.
  const httpFunctions = [...registrations.values()].filter((r) => /^httptrigger$/i.test(triggerOf(r).type));
  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<void> {
    const path = url.pathname.slice(routePrefix ? routePrefix.length + 2 : 1);
    let methodAllowed = false;
    for (const reg of httpFunctions) {
      const t = summarize(reg);
      const params = matchRoute(t.route!, path);
      if (!params) continue;
      if (!t.methods!.includes(req.method!.toUpperCase())) {
        methodAllowed ||= false;
        continue;
      }
      methodAllowed = true;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      const http = { method: req.method, url: url.toString(), headers, query: Object.fromEntries(url.searchParams), params, body: body.length ? { bytes: body } : undefined };
      const started = Date.now();
      try {
        const out = await invoke(reg, { trigger: { http } as core.RpcTypedData }, log);
        await writeOutputs(reg, out);
        const rpc = out.returnValue?.http;
        const status = rpc ? Number(rpc.statusCode ?? 200) : 204;
        res.writeHead(status, rpc?.headers ?? {});
        res.end(rpcBytes(rpc?.body));
        log(`[${reg.metadata.name}] ${req.method} ${url.pathname} ${status} in ${Date.now() - started} ms`);
      } catch (err) {
        log(`[${reg.metadata.name}] ${req.method} ${url.pathname} failed: ${(err as Error)?.stack ?? String(err)}`);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      }
      return;
    }
    res.writeHead(methodAllowed ? 404 : 404).end();
  }

  const json = (res: ServerResponse, status: number, value: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(value));
  };

  async function handleAdmin(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<void> {
    const base = `http://${req.headers.host}`;
    const describe = (f: FunctionSummary) => ({
      ...f,
      href: `${base}/admin/functions/${f.name}`,
      invoke_url_template: f.kind === 'http' ? `${base}/${routePrefix}/${f.route}` : null,
      isDisabled: false,
      config: { bindings: Object.values(registrations.get(f.name)!.metadata.bindings) },
    });
    if (url.pathname === '/admin/host/status') return json(res, 200, { state: 'Running', version: 'golden-thread-local', triggersPolling: firstPolls === 0 });
    if (url.pathname === '/admin/functions' && req.method === 'GET') return json(res, 200, functions.map(describe));
    const m = /^\/admin\/functions\/([^/]+)$/.exec(url.pathname);
    const f = m && functions.find((x) => x.name.toLowerCase() === decodeURIComponent(m[1]!).toLowerCase());
    if (!f) return json(res, 404, { error: 'no such function' });
    if (req.method === 'GET') return json(res, 200, describe(f));
    if (req.method !== 'POST') return json(res, 405, { error: 'GET or POST' });
    if (f.kind === 'http') return json(res, 400, { error: 'HTTP functions are called at their route, not through the admin API' });
    let input = '';
    try {
      input = body.length ? String((JSON.parse(body.toString('utf8')) as { input?: unknown }).input ?? '') : '';
    } catch {
      return json(res, 400, { error: 'body must be JSON: {"input": "..."}' });
    }
    void track(runNow(f.name, input).catch((err: Error) => log(`[${f.name}] failed: ${err.stack ?? err.message}`)));
    res.writeHead(202).end();
  }

  async function runNow(name: string, input = ''): Promise<void> {
    const reg = registrations.get(name);
    const f = functions.find((x) => x.name === name);
    if (!reg || !f) throw new Error(`no function named ${name}`);
    if (f.kind === 'timer') return runTimer(reg);
    if (f.kind === 'queue') return runQueueMessage(reg, input, { DequeueCount: 1, QueueTrigger: input });
    throw new Error(`${name} is ${f.trigger}: call it at its route`);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
      const body = Buffer.concat(chunks);
      const handler = url.pathname.startsWith('/admin/') ? handleAdmin : url.pathname.startsWith(`/${routePrefix}/`) ? handleApi : null;
      if (!handler) return json(res, 404, { error: 'not found' });
      track(handler(req, res, url, body)).catch((err: Error) => {
        log(`[local-host] ${err.stack ?? err.message}`);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? Number(process.env.LOCAL_HOST_PORT ?? 7071), options.host ?? '127.0.0.1', ok);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;

  for (const reg of registrations.values()) {
    const f = summarize(reg);
    if (f.kind === 'timer' && options.timers !== false) {
      schedule(reg);
      if (f.runOnStartup) void track(runTimer(reg));
    }
    if (f.kind === 'queue') pollers.push(poll(reg));
    if (f.kind === 'other') log(`[local-host] ${f.name}: ${f.trigger} is not run locally`);
  }
  for (const f of functions) {
    const where = f.kind === 'http' ? `${f.methods!.join(',')} ${url}/${routePrefix}/${f.route}` : f.kind === 'timer' ? `timer ${f.schedule} (UTC)` : f.kind === 'queue' ? `queue ${f.queueName}` : f.trigger;
    log(`[local-host] ${f.name}: ${where}`);
  }

  return {
    url,
    port,
    functions,
    run: runNow,
    async stop() {
      stopping = true;
      for (const h of timerHandles.values()) clearTimeout(h);
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      await Promise.allSettled([...pollers, ...running]);
      await runAppHooks('appTerminate', rootDir);
    },
  };
}

// `node dist/scripts/local-host.js`: the host as a process (npm start runs it so).
if (require.main === module) {
  startLocalHost().then(
    (host) => {
      const stop = () => void host.stop().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      console.log(`[local-host] listening on ${host.url}`);
    },
    (err: Error) => {
      console.error(`[local-host] could not start: ${err.stack ?? err.message}`);
      process.exit(1);
    },
  );
}
