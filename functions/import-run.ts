import { z } from 'zod';
import { ImportKindSchema, ImportModeSchema, runImport, type ImportResult } from '../core/intake';
import { decodeBody } from './import-body';
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
  body: z.string().optional(),
});
export type ImportMessage = z.infer<typeof ImportMessageSchema>;

/** Decodes, validates and writes one import, and records its result: the same path for HTTP and the queue. */
export async function executeImport(job: ImportMessage, text: string, services: Services): Promise<ImportResult> {
  const { rows, columns } = decodeBody(job.format, text);
  const result = await runImport(
    { ...job, rows, columns, columnMap: services.config.IMPORT_COLUMN_MAP },
    { ...services, now: () => services.clock.now() },
  );
  await services.importJobs.save(result);
  return result;
}
