import { z } from 'zod';
import { ImportKindSchema, type ImportKind } from '../intake';

/** The last file of a kind that was applied (done, not a dry run). */
export const LastAppliedSchema = z.object({ kind: ImportKindSchema, importId: z.string().min(1), at: z.iso.datetime() });
export type LastApplied = z.infer<typeof LastAppliedSchema>;

/**
 * The case system sends these every night; a night with none leaves the bot working from yesterday's list (new
 * meetings get no nudge, a moved one keeps its old date, a new worker gets nothing). Teams are sent when they
 * change, so they are shown, never called late.
 */
export const NIGHTLY_KINDS: readonly ImportKind[] = ['people', 'children', 'meetings'];

/** A nightly file older than this is late: one night and two hours' slack for an export that runs long. */
export const LATE_AFTER_HOURS = 26;

export interface LastImportLine {
  kind: ImportKind;
  at?: string;
  importId?: string;
  /** A nightly kind with no file applied in LATE_AFTER_HOURS (or none on file at all). */
  late: boolean;
}

/** One line per nightly kind (and teams, once one was applied), in a fixed order, each saying whether it is late. */
export function lastImportLines(applied: readonly LastApplied[], now: Date): LastImportLine[] {
  const byKind = new Map(applied.map((a) => [a.kind, a]));
  const kinds = [...NIGHTLY_KINDS, ...(byKind.has('teams') ? (['teams'] as const) : [])];
  return kinds.map((kind) => {
    const last = byKind.get(kind);
    const late = NIGHTLY_KINDS.includes(kind) && (!last || now.getTime() - Date.parse(last.at) > LATE_AFTER_HOURS * 3_600_000);
    return { kind, ...(last ? { at: last.at, importId: last.importId } : {}), late };
  });
}
