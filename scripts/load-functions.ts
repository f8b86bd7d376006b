// Loads the function app exactly as Azure's worker does (the file package.json "main" names, import()ed when
// it is ESM), with @azure/functions-core resolved to our shim, and reads back what it registered.
import Module from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as core from './functions-core-shim';

const CORE = '@azure/functions-core';
// Under Jest, jest.config.js maps the name instead; Jest does not use Node's resolver.
type Resolver = (request: string, ...rest: unknown[]) => string;
const nodeModule = Module as unknown as { _resolveFilename: Resolver };
let installed = false;

/** Makes `require('@azure/functions-core')` return the shim, as the worker's injected module would. */
export function installFunctionsCore(): void {
  if (installed) return;
  installed = true;
  const shimPath = require.resolve('./functions-core-shim');
  const original = nodeModule._resolveFilename;
  nodeModule._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === CORE ? shimPath : original.call(this, request, ...rest);
  };
}

/** The files Azure would load from a functions folder: every module but tests, maps and type files. */
export function functionFiles(dir: string): string[] {
  const ext = __filename.endsWith('.ts') ? /\.ts$/ : /\.js$/;
  return readdirSync(dir)
    .filter((f) => ext.test(f) && !/\.(test|d)\.(t|j)s$/.test(f))
    .sort()
    .map((f) => resolve(join(dir, f)));
}

/** Loads every function file in `dir` (the TypeScript sources, under Jest) and returns the registrations (cumulative for this process). */
export function loadFunctions(dir: string): core.Registration[] {
  installFunctionsCore();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading by path, as the worker does
  for (const file of functionFiles(dir)) require(file);
  return core.registrations();
}

/** The entry file of a built function app folder (dist/app): its package.json "main", as the worker reads it. */
export function appEntry(appDir: string): string {
  const { main } = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as { main?: string };
  // The worker also accepts a glob; this app has one entry, and a glob here would be a build mistake.
  if (!main || /[*?{[]/.test(main)) throw new Error(`${appDir}/package.json "main" must name the one entry file (it is ${main ?? 'missing'})`);
  return resolve(appDir, main);
}

/** Loads a built function app (dist/app) as the worker does and returns the registrations. */
export async function loadFunctionApp(appDir: string): Promise<core.Registration[]> {
  installFunctionsCore();
  const entry = appEntry(appDir);
  // The worker import()s .mjs entry points; the entry awaits its registrations, so they are all in when this resolves.
  if (entry.endsWith('.mjs')) await import(pathToFileURL(entry).href);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS entry, as the worker require()s it
  else require(entry);
  return core.registrations();
}

export type TriggerKind = 'http' | 'timer' | 'queue' | 'other';

/** One function as the admin API and the registration test see it. */
export interface FunctionSummary {
  name: string;
  trigger: string;
  kind: TriggerKind;
  route?: string;
  methods?: string[];
  authLevel?: string;
  schedule?: string;
  runOnStartup?: boolean;
  queueName?: string;
  connection?: string;
  outputs: string[];
}

export const triggerOf = (reg: core.Registration): core.RpcBindingInfo & { name: string; type: string } => {
  const trigger = Object.values(reg.metadata.bindings).find((b) => /trigger$/i.test(b.type ?? ''));
  if (!trigger) throw new Error(`function ${reg.metadata.name} has no trigger binding`);
  return trigger as core.RpcBindingInfo & { name: string; type: string };
};

const kindOf = (type: string): TriggerKind =>
  ({ httptrigger: 'http', timertrigger: 'timer', queuetrigger: 'queue' })[type.toLowerCase()] as TriggerKind ?? 'other';

export function summarize(reg: core.Registration): FunctionSummary {
  const t = triggerOf(reg);
  const kind = kindOf(t.type);
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const outputs = Object.entries(reg.metadata.bindings)
    .filter(([, b]) => b.direction === 'out')
    .map(([name, b]) => (name === '$return' ? `return:${b.type}` : `${b.type}:${str(b.queueName) ?? name}`));
  return {
    name: reg.metadata.name,
    trigger: t.type,
    kind,
    ...(kind === 'http' && {
      route: str(t.route) ?? reg.metadata.name,
      methods: ((t.methods as string[] | undefined) ?? ['GET', 'POST']).map((m) => m.toUpperCase()),
      authLevel: str(t.authLevel) ?? 'anonymous',
    }),
    ...(kind === 'timer' && { schedule: str(t.schedule), runOnStartup: t.runOnStartup === true }),
    ...(kind === 'queue' && { queueName: str(t.queueName), connection: str(t.connection) ?? 'AzureWebJobsStorage' }),
    outputs,
  };
}

// `node dist/scripts/load-functions.js [appDir]` prints what Azure would register from the built app
// (default dist/app) and how long the process took to get there (ms since it started).
if (require.main === module) {
  const appDir = resolve(process.argv[2] ?? join(__dirname, '..', 'app'));
  loadFunctionApp(appDir).then(
    (regs) => process.stdout.write(JSON.stringify({ readyMs: performance.now(), functions: regs.map(summarize) })),
    (err: Error) => {
      console.error(err.stack ?? err.message);
      process.exit(1);
    },
  );
}
