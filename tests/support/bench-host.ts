// The local functions host as its own process, built to a private folder (others may be rebuilding dist/):
// for the bench (cold start, card submits over HTTP) and the resilience suite (killed mid-fan-out).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
const NODE = process.execPath;

/** Builds the app (scripts/build.mjs, as `npm run build` does) into `outdir`: the bundled app in app/, the host in scripts/. */
export function buildAppTo(outdir: string): void {
  mkdirSync(outdir, { recursive: true });
  const out = spawnSync(NODE, [join(ROOT, 'scripts/build.mjs'), '--outdir', outdir], { cwd: ROOT, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`build failed: ${out.stderr || out.stdout}`);
  for (const file of ['scripts/local-host.js', 'app/main.mjs', 'app/host.json']) {
    if (!existsSync(join(outdir, file))) throw new Error(`build wrote no ${outdir}/${file}`);
  }
}

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

export interface HostProcess {
  child: ChildProcess;
  url: string;
  startedAt: number;
  /** Everything the host printed (stdout and stderr), for a failure message. */
  output(): string;
  exited(): Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Spawns `node <outdir>/scripts/local-host.js` (serving `<outdir>/app`, the bundle) with these app settings. */
export async function spawnHost(outdir: string, env: Record<string, string>, extraNodeArgs: string[] = []): Promise<HostProcess> {
  const port = await freePort();
  const startedAt = performance.now();
  const child = spawn(NODE, [...extraNodeArgs, join(outdir, 'scripts/local-host.js')], {
    cwd: ROOT,
    env: { ...process.env, GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: '1', ...env, LOCAL_HOST_PORT: String(port), NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = () =>
    new Promise<number | null>((resolve) =>
      child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code)),
    );
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    startedAt,
    output: () => out,
    exited,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited();
    },
  };
}

/**
 * Waits until the host's admin API says Running (and, with `triggersPolling`, until each queue trigger's first
 * poll has come back); returns ms since spawn.
 */
export async function waitReady(host: HostProcess, timeoutMs = 60_000, o: { triggersPolling?: boolean } = {}): Promise<number> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (host.child.exitCode !== null) throw new Error(`host exited: ${host.output()}`);
    const ok = await fetch(`${host.url}/admin/host/status`).then(
      async (r) => r.ok && (!o.triggersPolling || ((await r.json()) as { triggersPolling?: boolean }).triggersPolling === true),
      () => false,
    );
    if (ok) return performance.now() - host.startedAt;
    if (Date.now() > until) throw new Error(`host not ready within ${timeoutMs} ms: ${host.output()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
