// The first reply after a cold start, for two or more builds side by side (docs/performance.md): each build's
// host is spawned in turn, `runs` rounds; once it is ready it is sent "help", and the request's wall time and
// the host's CPU time during it are printed, then spawn to help card and a second "help". With --cpu-prof-dir, each host also writes a V8 CPU profile there (one per process).
// Usage: node bench/run.mjs bench/cold-compare.ts <build dir> [<build dir> ...] [--runs 5] [--cpu-prof-dir <dir>] [--node-args '...']
// (a build dir is what `node scripts/build.mjs --outdir <dir>` writes).
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { spawnAzurite } from '../tests/support/bench-azurite';
import { uniquePrefix } from '../tests/support/azurite';
import { personal, postActivity } from '../tests/support/bench-activities';
import { spawnHost, waitReady } from '../tests/support/bench-host';
import { startRateLimitedConnector } from '../tests/support/rate-limited-connector';
import { processCpuMs } from './cold-start';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args.splice(at, 2)[1];
};
const runs = Number(option('--runs') ?? 5);
const profDir = option('--cpu-prof-dir');
/** More arguments for each host's node, space-separated (e.g. "--import ./hook.mjs"). */
const nodeArgs = (option('--node-args') ?? '').split(' ').filter(Boolean);
const builds = args.map((a) => resolve(a));
const cpuMs = (pid: number): number => {
  const ms = processCpuMs(pid);
  if (ms === undefined) throw new Error('no /proc here: this tool reads the host CPU time from it');
  return ms;
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  if (builds.length === 0) throw new Error('name at least one build dir');
  const azurite = await spawnAzurite();
  const connector = await startRateLimitedConnector({ latencyMs: 0 });
  const results = builds.map(() => ({ cpu: [] as number[], requests: [] as number[], replies: [] as number[], second: [] as number[] }));
  let n = 0;
  try {
    for (let round = 0; round < runs; round++) {
      for (const [b, outdir] of builds.entries()) {
        const env = { STORAGE_CONNECTION: azurite.connectionString, AzureWebJobsStorage: azurite.connectionString, TABLE_PREFIX: uniquePrefix() };
        const host = await spawnHost(outdir, env, [...nodeArgs, ...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profDir)}`, `--cpu-prof-name=b${b}-r${round}.cpuprofile`] : [])]);
        const person = `0c000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
        const conversation = `a:personal-${person}`;
        try {
          // Ready first, so the request's CPU time is its own: the host's user+system time around it (from
          // /proc), which a busy machine stretches far less than the wall time.
          await waitReady(host);
          const cpu0 = cpuMs(host.child.pid!);
          const res = await postActivity(host.url, personal(connector.serviceUrl, person, { type: 'message', text: 'help' }));
          if (res.status !== 200) throw new Error(`help answered ${res.status}: ${host.output()}`);
          results[b]!.requests.push(res.ms);
          results[b]!.cpu.push(cpuMs(host.child.pid!) - cpu0);
          const card = connector.sent(conversation)[0];
          if (!card) throw new Error('no help card reached the connector');
          results[b]!.replies.push(card.at - (performance.timeOrigin + host.startedAt));
          const again = await postActivity(host.url, personal(connector.serviceUrl, person, { type: 'message', text: 'help' }));
          results[b]!.second.push(again.ms);
        } finally {
          await host.kill('SIGTERM');
        }
        console.log(`round ${round + 1} ${outdir}: first request ${results[b]!.requests.at(-1)!.toFixed(0)} ms (CPU ${results[b]!.cpu.at(-1)} ms), spawn to card ${results[b]!.replies.at(-1)!.toFixed(0)} ms (load ${loadavg()[0]!.toFixed(2)})`);
      }
    }
  } finally {
    await connector.stop();
    await azurite.stop();
  }
  for (const [b, outdir] of builds.entries()) {
    const r = results[b]!;
    const fmt = (xs: number[]) => `${median(xs).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)})`;
    console.log(`${outdir}\n  first request ${fmt(r.requests)}, its CPU ${fmt(r.cpu)}\n  spawn to help card ${fmt(r.replies)}\n  second request ${fmt(r.second)}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
