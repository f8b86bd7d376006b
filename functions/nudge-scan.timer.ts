import { app, type InvocationContext, type Timer } from '@azure/functions';
import { runNudgeScan, reportUndelivered } from '../core/voice';
import { loadServices } from './lazy';

/**
 * Every 15 minutes (NCRONTAB is UTC, and Linux plans have no WEBSITE_TIME_ZONE): the scan itself
 * decides whether it is the 08:30 London slot on a working day, and catches up later that day if the
 * host was down at 08:30. After the morning run it only checks that today's nudges were delivered.
 */
export async function nudgeScan(_timer: Timer | unknown, context: InvocationContext): Promise<void> {
  const all = await loadServices();
  const services = all.voice;
  const anyTime = all.config.NUDGE_SCAN_ANY_TIME;
  const result = await runNudgeScan(services, { anyTime });
  // Every tick: nudge cards the outbox could not deliver go to the worker's manager.
  const undelivered = await reportUndelivered(services);
  context.log(`nudge scan (invocation ${context.invocationId}): ${JSON.stringify({ ...result, undelivered })}`);
}

app.timer('nudgeScan', { schedule: '0 */15 * * * *', runOnStartup: false, handler: nudgeScan });
