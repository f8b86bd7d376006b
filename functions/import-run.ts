import type { InvocationContext } from '@azure/functions';
import { failedImport, rejectedImport } from '../core/admin';
import { pendingResult, runImport, type ImportResult } from '../core/intake';
import { askExitConversations } from '../core/exits';
import { exitConversationCard } from '../cards/exits-cards';
import type { ImportMessage } from './import-message';
import { decodeBody } from './import-body';
import { settleHeld } from './import-held';
import type { Services } from './wiring/services-types';

export { ImportMessageSchema, type ImportMessage } from './import-message';

const sameFileNote = (heldId: string): string =>
  `The same file is already held as import ${heldId}, waiting for an administrator: nothing more was held and no second card was sent. Its status: GET /api/import/status/${heldId}.`;

/** One line per import; rejected or held (nothing of the file written, every update it carried stopped) is a warning. */
export function logImport(context: Pick<InvocationContext, 'log' | 'warn'>, label: string, r: ImportResult): void {
  const line = `${label} ${r.kind} ${r.id}: ${r.status}, ${r.created} created, ${r.updated} updated, ${r.rejectedCount} rows rejected`;
  if (!r.dryRun && (r.status === 'rejected' || r.status === 'held')) context.warn(line);
  else context.log(line);
}

/**
 * Records a background import that could not finish, for its status URL and the admin card. `ownWords`: the
 * error is the import's own (a file not found) and may go on the card; otherwise the card says to read the log.
 */
export async function recordFailed(services: Pick<Services, 'importJobs'>, result: ImportResult, ownWords = false): Promise<ImportResult> {
  await services.importJobs.save(result);
  if (!result.dryRun) await services.importJobs.noteProblem(failedImport(result, ownWords ? result.error : undefined));
  return result;
}

/** Decodes, validates and writes one import, and records its result: the same path for HTTP and the queue. */
export async function executeImport(job: ImportMessage, text: string, services: Services): Promise<ImportResult> {
  const { rows, columns } = decodeBody(job.format, text);
  const { body: _text, confirmed: isConfirmed, ...request } = job;
  const confirmed = isConfirmed ? await services.importJobs.getPlan(job.id) : undefined;
  if (isConfirmed && !confirmed) {
    return recordFailed(services, pendingResult(job, 'failed', 'The held file was not found, so nothing was applied: send the file again.'), true);
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
  if (job.dryRun) {
    await services.importJobs.save(result);
    return result;
  }
  const joined = await settleHeld(job, result, text, services);
  // The same file as one already held: this import is a pointer to it, and its caller is answered with that hold.
  await services.importJobs.save(joined ? { ...result, heldAs: joined, notes: [...result.notes, sameFileNote(joined)] } : result);
  if (joined) return { ...result, id: joined, notes: [...result.notes, sameFileNote(joined)] };
  if (result.status === 'rejected') await services.importJobs.noteProblem(rejectedImport(result));
  return result;
}
