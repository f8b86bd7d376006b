import { app, type InvocationContext, type Timer } from '@azure/functions';

/**
 * Hourly at :05 (NCRONTAB is UTC): the rules decide whether the senior managers' report is due (from 08:00
 * London on the first working day of each month), and the participation group's quarterly report (the first
 * working day of each quarter). Dedupe keys make every later tick send nothing new.
 */
export async function digestSenior(_timer: Timer | unknown, context: InvocationContext): Promise<void> {
  // The digests' stores and cards load on the first run, not when the app starts (lazy.ts).
  const { runDigest } = await import('./digest-run');
  const result = await runDigest({ digest: 'senior' }, { force: false });
  context.log(`digest senior (invocation ${context.invocationId}): ${JSON.stringify(result)}`);
  const quarterly = await runDigest({ digest: 'participation' }, { force: false });
  context.log(`digest participation (invocation ${context.invocationId}): ${JSON.stringify(quarterly)}`);
}

app.timer('digestSenior', { schedule: '0 5 * * * *', runOnStartup: false, handler: digestSenior });
