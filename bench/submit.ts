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
  /** Table Storage requests per submit, and how many of them the submit waited for one after another (median). */
  storageRequests: number;
  sequentialRoundTrips: number;
}

export async function benchSubmit(o: { outdir: string; connectionString: string; connector: RateLimitedConnector; submits: number }): Promise<SubmitResult> {
  const prefix = uniquePrefix();
  const w = benchWorld(o.connectionString, prefix);
  const { workers, today } = await seedVoice(w, { due: 50, workers: 50 });
  // The host reaches Table Storage through a proxy that counts its requests (it is another process).
  const proxy = await startCountingProxy(o.connectionString);
  const host = await spawnHost(o.outdir, { STORAGE_CONNECTION: proxy.connectionString, AzureWebJobsStorage: proxy.connectionString, TABLE_PREFIX: prefix });
  try {
    await waitReady(host);
    const times: number[] = [];
    const requests: number[] = [];
    const rounds: number[] = [];
    let errors = 0;
    const warmup = 10;
    for (let i = 0; i < o.submits + warmup; i++) {
      const worker = workers[i % 50]!.id;
      proxy.reset();
      const res = await postActivity(host.url, execute(o.connector.serviceUrl, worker, 'voice.record', recordData(`due-${i % 50}`, today)));
      const saved = res.status === 200 && JSON.stringify(res.body).includes('Saved.');
      if (!saved) {
        errors++;
        if (errors === 1) console.log(`  submit ${i} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
      }
      if (i >= warmup) {
        times.push(res.ms);
        requests.push(proxy.counts().requests);
        rounds.push(proxy.counts().rounds);
      }
    }
    return {
      submits: times.length, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), p99Ms: percentile(times, 99), maxMs: Math.max(...times), errors,
      storageRequests: percentile(requests, 50), sequentialRoundTrips: percentile(rounds, 50),
    };
  } finally {
    await host.kill('SIGTERM');
    await proxy.stop();
  }
}
