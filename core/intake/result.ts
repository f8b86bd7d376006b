import { z } from 'zod';
import { ImportKindSchema } from './columns';

export const ImportModeSchema = z.enum(['strict', 'partial', 'snapshot']);
export type ImportMode = z.infer<typeof ImportModeSchema>;

const RowProblemSchema = z.union([
  z.object({ line: z.number().int(), column: z.string(), reason: z.string() }),
  z.object({ row: z.number().int(), column: z.string(), reason: z.string() }),
]);

/** What an import did, as the HTTP response and GET /api/import/status/{id} report it. */
export const ImportResultSchema = z.object({
  id: z.string(),
  kind: ImportKindSchema,
  mode: ImportModeSchema,
  /** queued/running: in the background; done: written; rejected: nothing written; failed: see `error`. */
  status: z.enum(['queued', 'running', 'done', 'rejected', 'failed']),
  received: z.number().int().default(0),
  created: z.number().int().default(0),
  updated: z.number().int().default(0),
  unchanged: z.number().int().default(0),
  /** Snapshot mode: scheduled meetings in the window that the file no longer lists. */
  cancelled: z.number().int().default(0),
  /** Snapshot of children, people or teams: records on file that the file no longer lists, marked gone. */
  gone: z.number().int().default(0),
  rejectedCount: z.number().int().default(0),
  rejected: z.array(RowProblemSchema).default([]),
  warnings: z.array(RowProblemSchema).default([]),
  ignoredColumns: z.array(z.string()).default([]),
  window: z.object({ from: z.iso.date(), to: z.iso.date() }).optional(),
  submittedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().optional(),
  error: z.string().optional(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

/** The result of an import not yet run (queued, running, or lost before it ran): all counts zero. */
export const pendingResult = (
  job: Pick<ImportResult, 'id' | 'kind' | 'mode' | 'submittedAt' | 'window'>,
  status: ImportResult['status'] = 'queued',
  error?: string,
): ImportResult => ImportResultSchema.parse({ id: job.id, kind: job.kind, mode: job.mode, submittedAt: job.submittedAt, window: job.window, status, error });
