import { z } from 'zod';
import { ImportKindSchema, ImportModeSchema, pendingResult, runImport, type ImportResult } from '../core/intake';
import { decodeBody } from './import-body';
import { settleHeld } from './import-held';
import type { Services } from './services';

/** What the import worker's queue message carries: the job, and its body inline or as chunks in a table. */
export const ImportMessageSchema = z.object({
  id: z.string().min(1),
  kind: ImportKindSchema,
  mode: ImportModeSchema,
  window: z.object({ from: z.iso.date(), to: z.iso.date() }).optional(),
  format: z.enum(['csv', 'json']),
  actorId: z.string().min(1),
  submittedAt: z.iso.datetime(),
  dryRun: z.boolean().optional(),
  /** An administrator confirmed this held import: it runs with the plan they saw (functions/import-held.ts). */
  confirmed: z.boolean().optional(),
  file: z.object({ format: z.enum(['csv', 'json']), bytes: z.number().int(), encoding: z.string() }).optional(),
  notes: z.array(z.string()).optional(),
  body: z.string().optional(),
});
export type ImportMessage = z.infer<typeof ImportMessageSchema>;

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
    },
  );
  if (!job.dryRun) await settleHeld(job, result, text, services);
  await services.importJobs.save(result);
  return result;
}
