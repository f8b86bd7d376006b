import { app, type InvocationContext, type Timer } from '@azure/functions';

/**
 * Hourly at :05 (NCRONTAB is UTC): the rules decide whether the weekly manager digest: due from 08:00 London on the first working day of the week.
 * Dedupe keys make every later tick send nothing new.
 */
export async function digestWeekly(_timer: Timer | unknown, context: InvocationContext): Promise<void> {
  // The digests' stores and cards load on the first run, not when the app starts (lazy.ts).
  const { runDigest } = await import('./digest-run');
  const result = await runDigest({ digest: 'weekly' }, { force: false });
  context.log(`digest weekly (invocation ${context.invocationId}): ${JSON.stringify(result)}`);
}

app.timer('digestWeekly', { schedule: '0 5 * * * *', runOnStartup: false, handler: digestWeekly });
