import { app, type InvocationContext, type Timer } from '@azure/functions';
import { loadServices } from './lazy';

/**
 * Every 30 minutes (NCRONTAB is UTC): from 09:00 London on working days, samples each team's case files for
 * the month's audit of voice, sends each auditor's card once, reminds once and marks overdue ones not done.
 * A rerun picks nobody new and sends nothing new (docs/audits.md).
 */
export async function caseAudits(_timer: Timer | unknown, context: InvocationContext): Promise<void> {
  const services = await loadServices();
  const result = await services.caseAuditing.run((message) => context.warn(message));
  context.log(`case audits (invocation ${context.invocationId}): ${JSON.stringify(result)}`);
}

app.timer('caseAudits', { schedule: '0 10,40 * * * *', runOnStartup: false, handler: caseAudits });
