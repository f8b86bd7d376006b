import { app, type InvocationContext } from '@azure/functions';

export const DIGEST_RUN_QUEUE = 'digest-run';

/**
 * Runs a digest now, whatever the date: `POST /admin/functions/digestRun` with {"input": "weekly"} (or
 * "cicc", "cpb", "senior", or JSON such as {"digest":"senior","period":"2026"}). A bad message is logged
 * and completed, not retried.
 */
export async function digestRun(message: unknown, context: InvocationContext): Promise<void> {
  // The digests' stores and cards load on the first run, not when the app starts (lazy.ts).
  const { parseDigestRun, runDigest } = await import('./digest-run');
  const run = parseDigestRun(message);
  if ('error' in run) return context.error(`digest run (invocation ${context.invocationId}): bad message: ${run.error}`);
  const result = await runDigest(run, { force: true });
  context.log(`digest run ${run.digest} (invocation ${context.invocationId}): ${JSON.stringify(result)}`);
}

app.storageQueue('digestRun', { queueName: DIGEST_RUN_QUEUE, connection: 'STORAGE_CONNECTION', handler: digestRun });
