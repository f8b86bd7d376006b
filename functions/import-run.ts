import type { InvocationContext } from '@azure/functions';
import { pendingResult, runImport, type ImportResult } from '../core/intake';
import { askExitConversations } from '../core/exits';
import { exitConversationCard } from '../cards/exits-cards';
import type { ImportMessage } from './import-message';
import { decodeBody } from './import-body';
import { settleHeld } from './import-held';
import type { Services } from './wiring/services-types';

export { ImportMessageSchema, type ImportMessage } from './import-message';

/** One line per import; rejected or held (nothing of the file written, every update it carried stopped) is a warning. */
export function logImport(context: Pick<InvocationContext, 'log' | 'warn'>, label: string, r: ImportResult): void {
  const line = `${label} ${r.kind} ${r.id}: ${r.status}, ${r.created} created, ${r.updated} updated, ${r.rejectedCount} rows rejected`;
  if (!r.dryRun && (r.status === 'rejected' || r.status === 'held')) context.warn(line);
  else context.log(line);
}

/** Decodes, validates and writes one import, and records its result: the same path for HTTP and the queue. */
export async function executeImport(job: ImportMessage, text: string, services: Services): Promise<ImportResult> {
  const { rows, columns } = decodeBody(job.format, text);
  const { body: _text, confirmed: isConfirmed, ...request } = job;
  const confirmed = isConfirmed ? await services.importJobs.getPlan(job.id) : undefined;
  if (isConfirmed && !confirmed) {
    const lost = pendingResult(job, 'failed', 'The held file was not found, so nothing was applied: send the file again.');
    await services.importJobs.save(lost);
    return lost;
  }
  const { config } = services;
  const result = await runImport(
    { ...request, confirmed, rows, columns, columnMap: config.IMPORT_COLUMN_MAP },
    {
      ...services,
      now: () => services.clock.now(),
      deleteThreshold: { percent: config.IMPORT_DELETE_THRESHOLD_PERCENT, records: config.IMPORT_DELETE_THRESHOLD_RECORDS },
      coreGroupIntervalWeeks: config.CORE_GROUP_INTERVAL_WEEKS,
      askExits: (children) =>
        askExitConversations({ exits: services.exitFeature.exits, outbox: services.outbox, audit: services.audit, clock: services.clock, card: exitConversationCard }, children),
    },
  );
  if (!job.dryRun) await settleHeld(job, result, text, services);
  await services.importJobs.save(result);
  return result;
}
