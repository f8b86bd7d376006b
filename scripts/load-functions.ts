// Loads the function files exactly as Azure does (package.json "main" glob), with @azure/functions-core
// resolved to our shim, and reads back what each file registered.
import Module from 'node:module';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

/** Loads every function file in `dir` and returns the registrations (cumulative for this process). */
export function loadFunctions(dir: string): core.Registration[] {
  installFunctionsCore();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading by path, as the worker does
  for (const file of functionFiles(dir)) require(file);
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

// `node dist/scripts/load-functions.js <dir>` prints what Azure would register, and whether loading
// them pulled in the bot's SDKs (they must load lazily, inside the messages handler).
if (require.main === module) {
  const dir = process.argv[2] ?? join(__dirname, '..', 'functions');
  const functions = loadFunctions(dir).map(summarize);
  const heavy = Object.keys(require.cache).filter((p) => /node_modules[\\/](botbuilder[^\\/]*|@microsoft[\\/]teams-ai)[\\/]/.test(p));
  process.stdout.write(JSON.stringify({ functions, heavyModulesLoaded: [...new Set(heavy.map((p) => p.replace(/.*node_modules[\\/]((@[^\\/]+[\\/])?[^\\/]+).*/, '$1')))] }));
}
