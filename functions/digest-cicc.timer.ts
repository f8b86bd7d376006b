import { app, type InvocationContext, type Timer } from '@azure/functions';

/**
 * Hourly at :05 (NCRONTAB is UTC): the rules decide whether the CICC digest and audit card: due N working days (default 3) before each CICC meeting, from 08:00 London.
 * Dedupe keys make every later tick send nothing new.
 */
export async function digestCicc(_timer: Timer | unknown, context: InvocationContext): Promise<void> {
  // The digests' stores and cards load on the first run, not when the app starts (lazy.ts).
  const { runDigest } = await import('./digest-run');
  const result = await runDigest({ digest: 'cicc' }, { force: false });
  context.log(`digest cicc (invocation ${context.invocationId}): ${JSON.stringify(result)}`);
}

app.timer('digestCicc', { schedule: '0 5 * * * *', runOnStartup: false, handler: digestCicc });
