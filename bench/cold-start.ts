// Cold start: a fresh Node process loading every function file through the local host's loader (the bot's
// SDKs load lazily, on the first /api/messages), against the same with every SDK required eagerly; the
// host's time to ready, both ways; and the first bot reply after a cold start.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { personal, postActivity } from '../tests/support/bench-activities';
import { spawnHost, waitReady } from '../tests/support/bench-host';
import { uniquePrefix } from '../tests/support/azurite';
import type { RateLimitedConnector } from '../tests/support/rate-limited-connector';

export const SDKS = ['botbuilder', '@microsoft/teams-ai', '@microsoft/microsoft-graph-client', '@azure/data-tables', '@azure/storage-queue', '@azure/functions'];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface ColdStartResult {
  /** ms from process start until every function is registered (median of `runs`). */
  loadLazyMs: number;
  loadEagerMs: number;
  loadRatio: number;
  hostReadyLazyMs: number;
  hostReadyEagerMs: number;
  hostReadyRatio: number;
  /** ms from spawning the host to the help card reaching the connector. */
  firstReplyMs: number;
  /** The first /api/messages request alone (it loads the bot). */
  firstRequestMs: number;
}

export async function benchColdStart(o: { outdir: string; connectionString: string; connector: RateLimitedConnector; runs: number }): Promise<ColdStartResult> {
  const eagerFile = join(o.outdir, 'bench-eager.js');
  writeFileSync(eagerFile, `for (const m of ${JSON.stringify(SDKS)}) require(m);\n`);
  const loader = join(o.outdir, 'bench-load.js');
  writeFileSync(
    loader,
    [
      `if (process.argv[2] === 'eager') require(${JSON.stringify(eagerFile)});`,
      `const fns = require('./scripts/load-functions.js').loadFunctions(require('node:path').join(__dirname, 'functions'));`,
      `process.stdout.write(JSON.stringify({ readyMs: performance.now(), functions: fns.length }));`,
    ].join('\n'),
  );
  const load = (mode: string): number => {
    const out = spawnSync(process.execPath, [loader, mode], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    if (out.status !== 0) throw new Error(`loading the functions failed: ${out.stderr}`);
    return (JSON.parse(out.stdout.slice(out.stdout.lastIndexOf('{'))) as { readyMs: number }).readyMs;
  };
  const lazy: number[] = [];
  const eager: number[] = [];
  for (let i = 0; i < o.runs; i++) {
    lazy.push(load('lazy'));
    eager.push(load('eager'));
  }

  const env = { STORAGE_CONNECTION: o.connectionString, AzureWebJobsStorage: o.connectionString, TABLE_PREFIX: uniquePrefix() };
  const hostLazy: number[] = [];
  const hostEager: number[] = [];
  for (let i = 0; i < o.runs; i++) {
    for (const [list, args] of [[hostLazy, []], [hostEager, ['--require', eagerFile]]] as const) {
      const host = await spawnHost(o.outdir, env, [...args]);
      try {
        list.push(await waitReady(host));
      } finally {
        await host.kill('SIGTERM');
      }
    }
  }

  // The first reply: spawn, say "help" as soon as the port answers, time until the card reaches Teams.
  const replies: number[] = [];
  const requests: number[] = [];
  for (let i = 0; i < o.runs; i++) {
    const host = await spawnHost(o.outdir, env);
    const person = `0c000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const conversation = `a:personal-${person}`;
    try {
      const before = o.connector.sent(conversation).length;
      for (const until = Date.now() + 60_000; ; ) {
        const res = await postActivity(host.url, personal(o.connector.serviceUrl, person, { type: 'message', text: 'help' })).catch(() => undefined);
        if (res?.status === 200) {
          requests.push(res.ms);
          break;
        }
        if (res || Date.now() > until) throw new Error(`help answered ${res?.status}: ${host.output()}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      const card = o.connector.sent(conversation)[before];
      if (!card) throw new Error('no help card reached the connector');
      replies.push(card.at - (performance.timeOrigin + host.startedAt));
    } finally {
      await host.kill('SIGTERM');
    }
  }
  return {
    loadLazyMs: median(lazy),
    loadEagerMs: median(eager),
    loadRatio: median(lazy) / median(eager),
    hostReadyLazyMs: median(hostLazy),
    hostReadyEagerMs: median(hostEager),
    hostReadyRatio: median(hostLazy) / median(hostEager),
    firstReplyMs: median(replies),
    firstRequestMs: median(requests),
  };
}
