import { app, type InvocationContext, type Timer } from '@azure/functions';

/**
 * Hourly at :05 (NCRONTAB is UTC): the rules decide whether the board briefing: due N working days (default 5) before each CPB meeting, from 08:00 London.
 * Dedupe keys make every later tick send nothing new.
 */
export async function digestCpb(_timer: Timer | unknown, context: InvocationContext): Promise<void> {
  // The digests' stores and cards load on the first run, not when the app starts (lazy.ts).
  const { runDigest } = await import('./digest-run');
  const result = await runDigest({ digest: 'cpb' }, { force: false });
  context.log(`digest cpb (invocation ${context.invocationId}): ${JSON.stringify(result)}`);
}

app.timer('digestCpb', { schedule: '0 5 * * * *', runOnStartup: false, handler: digestCpb });
