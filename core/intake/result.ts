import { z } from 'zod';
import { ImportKindSchema } from './columns';

export const ImportModeSchema = z.enum(['strict', 'partial', 'snapshot']);
export type ImportMode = z.infer<typeof ImportModeSchema>;

const RowProblemSchema = z.union([
  z.object({ line: z.number().int(), column: z.string(), reason: z.string() }),
  z.object({ row: z.number().int(), column: z.string(), reason: z.string() }),
]);

const ids = z.array(z.string()).default([]);

/** What an import would write, by id: a dry run's answer, and what a held snapshot waits to do. */
export const ImportPlanSchema = z.object({ created: ids, updated: ids, gone: ids, cancelled: ids });
export type ImportPlan = z.infer<typeof ImportPlanSchema>;

/** Why a snapshot was held: it would mark more gone (or cancel more meetings) than the threshold allows. */
export const HoldSchema = z.object({
  /** Records of this kind on file (not already gone), or scheduled meetings in the window. */
  onFile: z.number().int(),
  /** The threshold: the larger of the percentage of `onFile` and the minimum number of records. */
  limit: z.number(),
  wouldMarkGone: z.number().int(),
  wouldCancel: z.number().int(),
});
export type Hold = z.infer<typeof HoldSchema>;

/** What an import did, as the HTTP response and GET /api/import/status/{id} report it. */
export const ImportResultSchema = z.object({
  id: z.string(),
  kind: ImportKindSchema,
  mode: ImportModeSchema,
  /**
   * queued/running: in the background; done: written; rejected: nothing written; failed: see `error`;
   * held: nothing written, waiting for an administrator to confirm or discard it (`hold` says why);
   * superseded: a held import a newer one of the same kind replaced; discarded: a held import an administrator discarded.
   */
  status: z.enum(['queued', 'running', 'done', 'rejected', 'failed', 'held', 'superseded', 'discarded']),
  /** A dry run: `status` says what the import would do; nothing was written. */
  dryRun: z.boolean().optional(),
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
  /** The file as received: its format, size and the encoding it was read in. */
  file: z.object({ format: z.enum(['csv', 'json']), bytes: z.number().int(), encoding: z.string() }).optional(),
  /** Things the sender should know that are not about one row (a file read as Windows-1252, say). */
  notes: z.array(z.string()).default([]),
  hold: HoldSchema.optional(),
  /** A dry run's or a held import's ids (the stored result keeps only the counts). */
  plan: ImportPlanSchema.optional(),
  /** The same file as an import already held (posted twice, or retried): this one joined that hold, whose id this is. */
  heldAs: z.string().optional(),
  submittedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().optional(),
  error: z.string().optional(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

/** The result of an import not yet run (queued, running, or lost before it ran): all counts zero. */
export const pendingResult = (
  job: Pick<ImportResult, 'id' | 'kind' | 'mode' | 'submittedAt' | 'window' | 'dryRun' | 'file'>,
  status: ImportResult['status'] = 'queued',
  error?: string,
): ImportResult =>
  ImportResultSchema.parse({ id: job.id, kind: job.kind, mode: job.mode, dryRun: job.dryRun, file: job.file, submittedAt: job.submittedAt, window: job.window, status, error });
