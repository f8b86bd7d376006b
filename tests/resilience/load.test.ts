// 50 people submitting record-voice cards at once for 60 s (GT_LOAD_SECONDS), each pausing 2-4 s between
// submits as a person would (GT_LOAD_THINK_MS="2000-4000"), against the local host as a separate process:
// no errors, and the p95 answer time stays within 2x of the same host's idle p95, idle measured on both
// sides of the load.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execute, percentile, postActivity } from '../support/bench-activities';
import { uniquePrefix, type RunningAzurite } from '../support/azurite';
import { spawnAzurite } from '../support/bench-azurite';
import { ROOT, buildAppTo, spawnHost, waitReady, type HostProcess } from '../support/bench-host';
import { benchWorld, recordData, seedVoice } from '../support/bench-world';
import { startRateLimitedConnector, type RateLimitedConnector } from '../support/rate-limited-connector';

const USERS = 50;
const IDLE_SUBMITS = 300;
const SECONDS = Number(process.env.GT_LOAD_SECONDS ?? 60);
const [THINK_MIN, THINK_MAX] = (process.env.GT_LOAD_THINK_MS ?? '2000-4000').split('-').map(Number) as [number, number];
let azurite: RunningAzurite;
let connector: RateLimitedConnector;
let host: HostProcess;
const outdir = join(ROOT, '.local', `resilience-load-${process.pid}`);

beforeAll(async () => {
  // Storage in its own processes (in Azure it is another machine), not on the simulated users' event loop.
  azurite = await spawnAzurite();
  connector = await startRateLimitedConnector();
  mkdirSync(outdir, { recursive: true });
  buildAppTo(outdir);
});
afterAll(async () => {
  await host?.kill('SIGTERM');
  await connector.stop();
  await azurite.stop();
  rmSync(outdir, { recursive: true, force: true });
});

it(`${USERS} people submitting cards together for ${SECONDS} s see no errors, and p95 within 2x of idle`, async () => {
  const prefix = uniquePrefix();
  const w = benchWorld(azurite.connectionString, prefix);
  const { workers, today } = await seedVoice(w, { due: USERS, workers: USERS });
  host = await spawnHost(outdir, { STORAGE_CONNECTION: azurite.connectionString, AzureWebJobsStorage: azurite.connectionString, TABLE_PREFIX: prefix });
  await waitReady(host);
  const submit = (i: number) => postActivity(host.url, execute(connector.serviceUrl, workers[i]!.id, 'voice.record', recordData(`due-${i}`, today)));
  const ok = (r: { status: number; body: unknown }) => r.status === 200 && JSON.stringify(r.body).includes('Saved.');

  // Warm up until the JIT has settled (the first few dozen submits compile the card, zod and storage paths),
  // then take the idle baseline over 300 submits: a p95 over 100 is its fifth-slowest sample, one stall away
  // from a different figure, and the loaded p95 is taken over about 1,000.
  for (let i = 0; i < 50; i++) await submit(i % USERS);
  const idleRun = async (): Promise<number[]> => {
    const times: number[] = [];
    for (let i = 0; i < IDLE_SUBMITS; i++) {
      const r = await submit(i % USERS);
      expect(ok(r)).toBe(true);
      times.push(r.ms);
    }
    return times;
  };
  const idleBefore = await idleRun();

  const loaded: number[] = [];
  const errors: string[] = [];
  const end = Date.now() + SECONDS * 1000;
  await Promise.all(
    workers.map(async (_, i) => {
      await new Promise((r) => setTimeout(r, Math.random() * THINK_MAX)); // people do not start in step
      while (Date.now() < end) {
        const r = await submit(i).catch((err: Error) => ({ status: 0, ms: 0, body: err.message }));
        if (ok(r)) loaded.push(r.ms);
        else errors.push(`${r.status}: ${JSON.stringify(r.body).slice(0, 200)}`);
        await new Promise((res) => setTimeout(res, THINK_MIN + Math.random() * (THINK_MAX - THINK_MIN)));
      }
    }),
  );
  // Idle again after the load: the baseline is the same host on both sides of it, not one moment of the
  // machine (one CI run took its only baseline in a quiet minute, 25 ms against 33-35 ms in the runs before).
  const idleAfter = await idleRun();
  const idle = [...idleBefore, ...idleAfter];
  const idleP95 = percentile(idle, 95);
  const loadP95 = percentile(loaded, 95);
  console.log(
    `load test: idle p50 ${percentile(idle, 50).toFixed(0)} ms, p95 ${idleP95.toFixed(0)} ms (before the load ${percentile(idleBefore, 95).toFixed(0)}, after ${percentile(idleAfter, 95).toFixed(0)}); ${USERS} users for ${SECONDS} s: ` +
      `${loaded.length} submits (${(loaded.length / SECONDS).toFixed(1)}/s), p50 ${percentile(loaded, 50).toFixed(0)} ms, p95 ${loadP95.toFixed(0)} ms ` +
      `(${(loadP95 / idleP95).toFixed(2)}x idle), ${errors.length} errors`,
  );
  expect(errors).toEqual([]);
  expect(loaded.length).toBeGreaterThan(USERS * (SECONDS / (THINK_MAX / 1000 + 1)) * 0.5);
  expect(loadP95).toBeLessThanOrEqual(2 * idleP95);
}, 600_000);
