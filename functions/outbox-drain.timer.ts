import { app, type InvocationContext, type Timer } from '@azure/functions';
import { loadServices } from './lazy';

/** Every minute: sends what is due in the outbox (new messages, retries whose wait is over, crashed claims). */
export async function outboxDrain(_timer: Timer, context: InvocationContext): Promise<void> {
  // 45 s leaves the next minute's run a clean start; anything left stays due and is picked up then.
  const report = await (await loadServices()).outboxSender.drain(45_000);
  context.log(
    `outbox drain (invocation ${context.invocationId}): sent ${report.sent}, updated ${report.updated}, ` +
      `retrying ${report.retrying}, failed ${report.failed}, parked ${report.parked}, skipped ${report.skipped}`,
  );
}

app.timer('outbox-drain', { schedule: '0 */1 * * * *', runOnStartup: false, handler: outboxDrain });
