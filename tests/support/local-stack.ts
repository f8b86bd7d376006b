// The local functions host on Azurite, as the local-stack tests run it: the app's own function files, timers
// off (a test runs them through the admin API, as a developer does), every host log line kept for the
// test's assertions and for a timeout's message. (Each test file still maps @azure/functions-core to the
// shim with its own jest.mock: jest applies a mock only in the file that declares it.)
import { join } from 'node:path';
import { startLocalHost, type LocalHost } from '../../scripts/local-host';
import { seedDemo } from '../../scripts/seed-demo';
import { startAzurite, uniquePrefix, type RunningAzurite } from './azurite';

/** Waits until `check` holds, polling; on timeout, fails with the host's log so far. */
export async function waitFor(check: () => Promise<boolean> | boolean, lines: readonly string[], ms = 30_000, everyMs = 200): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out; host log:\n${lines.join('\n')}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export interface LocalStack {
  azurite: RunningAzurite;
  host: LocalHost;
  /** Every line the host logged, oldest first. */
  lines: string[];
  prefix: string;
  waitFor(check: () => Promise<boolean> | boolean, ms?: number): Promise<void>;
  /** POST /admin/functions/{name}: runs a timer or queue function now, as the real host's admin API does. */
  runNow(name: string, input?: string): Promise<Response>;
  /** Stops the host, and Azurite unless the caller brought its own. */
  stop(): Promise<void>;
}

export async function startLocalStack(o: { azurite?: RunningAzurite; env?: Record<string, string>; seed?: boolean } = {}): Promise<LocalStack> {
  const azurite = o.azurite ?? (await startAzurite());
  const prefix = uniquePrefix();
  const lines: string[] = [];
  const host = await startLocalHost({
    port: 0,
    functionsDir: join(__dirname, '../../functions'),
    env: { STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: prefix, ...o.env },
    timers: false,
    log: (line) => lines.push(line),
  });
  if (o.seed) await seedDemo({ baseUrl: host.url, connectionString: azurite.connectionString, tablePrefix: prefix, log: () => undefined });
  return {
    azurite,
    host,
    lines,
    prefix,
    waitFor: (check, ms) => waitFor(check, lines, ms),
    runNow: (name, input = '') =>
      fetch(`${host.url}/admin/functions/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ input }) }),
    async stop() {
      await host.stop();
      if (!o.azurite) await azurite.stop();
    },
  };
}
