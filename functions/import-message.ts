import { z } from 'zod';
import { ImportKindSchema, ImportModeSchema } from '../core/intake';

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
