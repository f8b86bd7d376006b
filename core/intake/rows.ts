import { CellProblem, KINDS, type ColumnMap, type ColumnSpec, type ImportKind } from './columns';
import { plainReason } from './reasons';

/** Where a row came from: a CSV line (the header is line 1) or a JSON array position (first is row 1). */
export type RowAt = { line: number } | { row: number };

/** One row as read from the file, keyed by the file's own column names. */
export interface SourceRow {
  at: RowAt;
  values: Record<string, unknown>;
  /** CSV: how many values the line held (a line cut short, or an unquoted comma, holds another number than the header). */
  cells?: number;
  /** CSV: the values beyond the header's last column. */
  overflow?: readonly string[];
}

/** A problem with one row (a rejection) or a reference that could not be checked (a warning). */
export type RowProblem = RowAt & { column: string; reason: string };

export interface ValidRow<T> {
  at: RowAt;
  id: string;
  value: T;
  /** Optional fields the row says nothing about (no such column): the import keeps what is on file for them. */
  absent?: readonly string[];
}

export interface ReadRows<T> {
  valid: ValidRow<T>[];
  rejected: RowProblem[];
  /** Columns in the file that no canonical column or mapping claims (ignored). */
  ignoredColumns: string[];
  /** Which file column fills each domain field, for naming problems in the file's own words. */
  columnFor: (field: string) => string;
}

const loose = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Which canonical column a file's column is: the council's mapping first, then the name, spaced or cased any
 * way. A CSV column claims a field once; JSON rows may each use either spelling (`worker_id` or `workerId`).
 */
export function resolveColumns(kind: ImportKind, fileColumns: readonly string[], map: ColumnMap = {}, aliases = false) {
  const specs = KINDS[kind].columns;
  const mapping = Object.fromEntries(Object.entries(map[kind] ?? {}).map(([k, v]) => [loose(k), loose(v)]));
  const byFileColumn = new Map<string, ColumnSpec>();
  const ignored: string[] = [];
  for (const col of fileColumns) {
    const wanted = mapping[loose(col)] ?? loose(col);
    const spec = specs.find((s) => loose(s.column) === wanted || loose(s.field) === wanted);
    if (spec && (aliases || ![...byFileColumn.values()].includes(spec))) byFileColumn.set(col, spec);
    else ignored.push(col);
  }
  return { byFileColumn, ignored };
}

/** Required columns the header lacks (CSV only: a JSON row just omits a key). */
export function missingColumns(kind: ImportKind, fileColumns: readonly string[], map: ColumnMap = {}): string[] {
  const { byFileColumn } = resolveColumns(kind, fileColumns, map);
  const present = new Set([...byFileColumn.values()].map((s) => s.field));
  const shape = (KINDS[kind].schema as unknown as { shape: Record<string, { safeParse(v: unknown): { success: boolean } }> })
    .shape;
  return KINDS[kind].columns
    .filter((c) => !present.has(c.field) && !shape[c.field]?.safeParse(undefined).success)
    .map((c) => c.column);
}

export interface FileRows {
  rows: readonly SourceRow[];
  /** The file's columns (CSV header, or every key seen in a JSON array). */
  columns: readonly string[];
  format: 'csv' | 'json';
  columnMap?: ColumnMap;
}

/** Checks every row against the domain schema; nothing is written here. Duplicated ids are rejected after the first. */
export function readRows<T>(kind: ImportKind, file: FileRows): ReadRows<T> {
  const spec = KINDS[kind];
  const { rows } = file;
  const { byFileColumn, ignored } = resolveColumns(kind, file.columns, file.columnMap, file.format === 'json');
  const fileColumnOf = new Map([...byFileColumn].map(([col, s]) => [s.field, col]));
  const canonicalColumn = (field: string): string => spec.columns.find((c) => c.field === field)?.column ?? field;
  // CSV: the header's own name for the column. JSON: the canonical name (rows may spell keys either way).
  const columnFor = (field: string): string =>
    (file.format === 'csv' ? fileColumnOf.get(field) : undefined) ?? canonicalColumn(field);

  const valid: ValidRow<T>[] = [];
  const rejected: RowProblem[] = [];
  const seen = new Map<string, RowAt>();
  for (const { at, values, cells, overflow } of rows) {
    const misfit = file.format === 'csv' && cells !== undefined ? misfitRow(file.columns, cells, overflow ?? []) : undefined;
    if (misfit) {
      rejected.push({ ...at, ...misfit });
      continue;
    }
    const candidate: Record<string, unknown> = {};
    for (const [col, raw] of Object.entries(values)) {
      const s = byFileColumn.get(col);
      if (s) candidate[s.field] = s.convert(raw);
    }
    const problems = Object.entries(candidate).filter((e): e is [string, CellProblem] => e[1] instanceof CellProblem);
    if (problems.length > 0) {
      rejected.push(...problems.map(([field, p]) => ({ ...at, column: columnFor(field), reason: p.reason })));
      continue;
    }
    const parsed = spec.schema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? spec.idField);
        rejected.push({ ...at, column: columnFor(field), reason: plainReason(issue, candidate[field]) });
      }
      continue;
    }
    const value = parsed.data as T;
    const fields = value as Record<string, unknown>;
    const id = String(fields[spec.idField]);
    // Ids are compared exactly (they are keys); other unique fields, like UPNs, in any case.
    const keys = [spec.idField, ...(spec.unique ?? [])].map((field) => {
      const v = String(fields[field]);
      return { field, key: `${field}\u0000${field === spec.idField ? v : v.toLowerCase()}` };
    });
    const clash = keys.find(({ key }) => seen.has(key));
    if (clash) {
      const first = seen.get(clash.key)!;
      const where = 'line' in first ? `line ${first.line}` : `row ${first.row}`;
      const reason = `duplicate: ${String(fields[clash.field])} is also on ${where}`;
      rejected.push({ ...at, column: columnFor(clash.field), reason });
      continue;
    }
    for (const { key } of keys) seen.set(key, at);
    const absent = spec.columns.filter((c) => c.keepIfAbsent && !(c.field in candidate)).map((c) => c.field);
    valid.push({ at, id, value, ...(absent.length > 0 ? { absent } : {}) });
  }
  return { valid, rejected, ignoredColumns: ignored, columnFor };
}

const valueCount = (n: number): string => `${n} value${n === 1 ? '' : 's'}`;

/**
 * A CSV line with fewer values than the header was cut short (read as it is, the missing values would blank
 * fields on file); one with more has a comma outside quotes (every value after it would shift). Trailing empty
 * values (a delimiter some exports put at the end of each line) lose nothing and pass.
 */
function misfitRow(columns: readonly string[], cells: number, overflow: readonly string[]): { column: string; reason: string } | undefined {
  const want = columns.length;
  if (cells < want) {
    const column = columns[cells]!;
    return { column, reason: `this line has ${valueCount(cells)} but the header has ${want} columns, so ${column} and any after it are missing: the file may have been cut short; send the whole export again` };
  }
  if (overflow.some((v) => v.trim() !== '')) {
    return { column: columns[want - 1]!, reason: `this line has ${valueCount(cells)} but the header has ${want} columns: a value with a comma in it must be in double quotes ("Smith, Jo"), or the line has a value too many` };
  }
  return undefined;
}

/** The id a rejected row was trying to write, if one can be read (so snapshot mode never cancels it). */
export function rawIds(kind: ImportKind, file: FileRows): Set<string> {
  const { byFileColumn } = resolveColumns(kind, file.columns, file.columnMap, true);
  const idCols = [...byFileColumn].filter(([, s]) => s.field === KINDS[kind].idField).map(([col]) => col);
  const ids = new Set<string>();
  for (const r of file.rows) {
    for (const col of idCols) {
      const v = r.values[col];
      if (typeof v === 'string' && v.trim()) ids.add(v.trim());
    }
  }
  return ids;
}
