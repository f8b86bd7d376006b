// Card submit to answer: a record-voice Action.Execute over HTTP to the local host (a separate process,
// as Azure runs it), through the real bot, on Azurite, with the rate-limited connector as serviceUrl.
import { execute, percentile, postActivity } from '../tests/support/bench-activities';
import { spawnHost, waitReady } from '../tests/support/bench-host';
import { benchWorld, recordData, seedVoice } from '../tests/support/bench-world';
import { uniquePrefix } from '../tests/support/azurite';
import { startCountingProxy } from '../tests/support/counting-proxy';
import type { RateLimitedConnector } from '../tests/support/rate-limited-connector';

export interface SubmitResult {
  submits: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  /** Submits counted through the proxy (a second host; not timed). */
  counted: number;
  /** Table Storage requests per submit, and how many of them the submit waited for one after another (median). */
  storageRequests: number;
  sequentialRoundTrips: number;
}

// The first few dozen submits compile the card, zod and storage paths (as in tests/resilience/load.test.ts).
const WARMUP = 50;

/**
 * Two hosts one after the other on the same seeded world: the timed one reaches Azurite directly, as the app
 * reaches Table Storage in Azure; the counted one reaches it through the counting proxy, whose extra hop (in
 * this process, on the client's event loop) would otherwise be part of every figure.
 */
export async function benchSubmit(o: { outdir: string; connectionString: string; connector: RateLimitedConnector; submits: number; counted?: number }): Promise<SubmitResult> {
  const prefix = uniquePrefix();
  const w = benchWorld(o.connectionString, prefix);
  const { workers, today } = await seedVoice(w, { due: 50, workers: 50 });
  let errors = 0;
  // Every submit records a child's voice for one of 50 due meetings, each by its own social worker.
  const run = async (connectionString: string, n: number, each: (ms: number) => void, before?: () => void): Promise<void> => {
    const host = await spawnHost(o.outdir, { STORAGE_CONNECTION: connectionString, AzureWebJobsStorage: connectionString, TABLE_PREFIX: prefix });
    try {
      await waitReady(host);
      for (let i = 0; i < n + WARMUP; i++) {
        const worker = workers[i % 50]!.id;
        before?.();
        const res = await postActivity(host.url, execute(o.connector.serviceUrl, worker, 'voice.record', recordData(`due-${i % 50}`, today)));
        const saved = res.status === 200 && JSON.stringify(res.body).includes('Saved.');
        if (!saved) {
          errors++;
          if (errors === 1) console.log(`  submit ${i} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
        }
        if (i >= WARMUP) each(res.ms);
      }
    } finally {
      await host.kill('SIGTERM');
    }
  };

  const times: number[] = [];
  await run(o.connectionString, o.submits, (ms) => times.push(ms));
  // The host reaches Table Storage through a proxy that counts its requests (it is another process).
  const proxy = await startCountingProxy(o.connectionString);
  const requests: number[] = [];
  const rounds: number[] = [];
  try {
    await run(proxy.connectionString, o.counted ?? 100, () => {
      requests.push(proxy.counts().requests);
      rounds.push(proxy.counts().rounds);
    }, () => proxy.reset());
  } finally {
    await proxy.stop();
  }
  return {
    submits: times.length, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), p99Ms: percentile(times, 99), maxMs: Math.max(...times), errors,
    counted: requests.length, storageRequests: percentile(requests, 50), sequentialRoundTrips: percentile(rounds, 50),
  };
}
