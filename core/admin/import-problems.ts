import { z } from 'zod';
import { ImportKindSchema, type ImportKind, type ImportResult } from '../intake';

/**
 * A nightly file that stopped whole (refused before its rows were read, or rejected for its rows), as the admin
 * card shows it. Kept small and without the file's values: the reason is in card-safe words (cardSafeReason).
 */
export const ImportProblemSchema = z.object({
  id: z.string().min(1),
  kind: ImportKindSchema,
  at: z.iso.datetime(),
  /**
   * refused: 400, 413 or 415, the file was not read; rejected: 422, some rows were wrong, nothing was written;
   * failed: a file accepted for the background (202) that the worker could not finish.
   */
  outcome: z.enum(['refused', 'rejected', 'failed']),
  http: z.number().int(),
  reason: z.string().max(400),
  line: z.number().int().optional(),
  row: z.number().int().optional(),
  column: z.string().max(100).optional(),
  /** Rejected: how many rows had a problem (the first is the one named). */
  rejectedRows: z.number().int().optional(),
});
export type ImportProblem = z.infer<typeof ImportProblemSchema>;

/** Where the stopped imports are kept for the admin card; bounded by the import results' retention. */
export interface ImportProblemLog {
  noteProblem(problem: ImportProblem): Promise<void>;
  /** Problems from `since` on, newest first. */
  listProblems(since: Date): Promise<ImportProblem[]>;
}

/** How far back, and how many, the admin card shows. */
export const PROBLEMS_SHOWN = { days: 7, most: 5 };

// Reasons that quote the file's own values (a case reference, the parser's snippet of the line): the card keeps
// the words around them, never the value. The HTTP answer to the case system keeps the full wording.
const QUOTING: readonly [RegExp, string][] = [
  [/^duplicate: .* is also on (line|row) (\d+)$/s, 'duplicate: the same id is also on $1 $2'],
  [/^The CSV could not be read( at line \d+)?:.*$/s, 'The CSV could not be read$1: a quote or a separator is out of place (the answer to the case system has the parser\'s own words)'],
  [/^The JSON could not be read:.*$/s, 'The JSON could not be read: it is not valid JSON (the answer to the case system has the parser\'s own words)'],
];

/** A refusal or rejection reason with any value from the file taken out, so it can go on a card. */
export function cardSafeReason(reason: string): string {
  for (const [pattern, words] of QUOTING) if (pattern.test(reason)) return reason.replace(pattern, words);
  return reason.length > 400 ? `${reason.slice(0, 399)}…` : reason;
}

/** A file refused before its rows were read (400, 413, 415). */
export function refusedImport(input: { id: string; kind: ImportKind; at: string; http: number; reason: string; line?: number; row?: number }): ImportProblem {
  const { line, row } = input;
  return ImportProblemSchema.parse({ id: input.id, kind: input.kind, at: input.at, outcome: 'refused', http: input.http, reason: cardSafeReason(input.reason), line, row });
}

/**
 * A file accepted for the background (202) that did not finish: its own words only when they are the import's
 * (a lost file); anything else is an error of the platform, whose message is for the log, not a card.
 */
export function failedImport(r: ImportResult, ownWords?: string): ImportProblem {
  const reason = ownWords ?? 'The background import failed on every attempt: the function app\'s log has the error. Every write is an idempotent upsert, so sending the same file again is safe.';
  return ImportProblemSchema.parse({ id: r.id, kind: r.kind, at: r.submittedAt, outcome: 'failed', http: 202, reason: cardSafeReason(reason) });
}

/** A file rejected for its rows (422): the first problem, by line (or row) and column, and how many there were. */
export function rejectedImport(r: ImportResult): ImportProblem {
  const first = r.rejected[0];
  return ImportProblemSchema.parse({
    id: r.id,
    kind: r.kind,
    at: r.submittedAt,
    outcome: 'rejected',
    http: 422,
    reason: cardSafeReason(first?.reason ?? r.error ?? 'the file was rejected'),
    ...(first ? { column: first.column.slice(0, 100), ...('line' in first ? { line: first.line } : { row: first.row }) } : {}),
    rejectedRows: r.rejectedCount,
  });
}
