import { londonInstant, type IsoDate } from '../calendar/working-days';
import type { Child } from '../model/child';
import type { Meeting } from '../model/meeting';
import type { Person } from '../model/person';
import type { Team } from '../model/team';
import type { AuditLog } from '../ports';
import type { ImportKind } from './columns';
import type { ImportMode, ImportResult } from './result';
import { missingColumns, rawIds, readRows, type FileRows, type RowProblem, type ValidRow } from './rows';

/** What intake needs of a store: read many by id, write many (idempotent upsert by id). */
export interface UpsertStore<T> {
  getMany(ids: readonly string[]): Promise<Map<string, T>>;
  upsertMany(values: readonly T[]): Promise<void>;
}

export interface IntakeDeps {
  children: UpsertStore<Child>;
  people: UpsertStore<Person>;
  teams: UpsertStore<Team>;
  meetings: UpsertStore<Meeting> & { listStartingBetween(from: Date, to: Date): Promise<Meeting[]> };
  audit: AuditLog;
  now: () => Date;
}

/** CSV: a required column missing from the header rejects the whole file. */
export interface ImportRequest extends FileRows {
  id: string;
  kind: ImportKind;
  mode: ImportMode;
  /** Snapshot mode: London dates, both inclusive. */
  window?: { from: IsoDate; to: IsoDate };
  actorId: string;
  submittedAt?: string;
}

/** Stable JSON with sorted keys, so "unchanged" means equal field by field. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b)))
      : x,
  );

const nextDay = (d: IsoDate): IsoDate => new Date(Date.parse(`${d}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * Validates every row, then (unless a row was rejected in strict or snapshot mode) upserts the rows that
 * changed. Idempotent: the same file twice writes nothing the second time. Not atomic: Table Storage has no
 * cross-partition transactions, so a run that stops half-way is finished by running it again.
 */
export async function runImport(req: ImportRequest, deps: IntakeDeps): Promise<ImportResult> {
  const store = deps[req.kind] as UpsertStore<unknown>;
  const base: ImportResult = {
    id: req.id,
    kind: req.kind,
    mode: req.mode,
    status: 'done',
    received: req.rows.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    cancelled: 0,
    rejectedCount: 0,
    rejected: [],
    warnings: [],
    ignoredColumns: [],
    window: req.window,
    submittedAt: req.submittedAt ?? deps.now().toISOString(),
  };
  const finish = async (r: ImportResult): Promise<ImportResult> => {
    const done = { ...r, rejectedCount: r.rejected.length, finishedAt: deps.now().toISOString() };
    await deps.audit.append({
      actorId: req.actorId,
      action: `import.${req.kind}`,
      recordType: 'import',
      recordId: req.id,
      detail: {
        mode: req.mode,
        status: done.status,
        received: done.received,
        created: done.created,
        updated: done.updated,
        unchanged: done.unchanged,
        cancelled: done.cancelled,
        rejected: done.rejectedCount,
      },
    });
    return done;
  };

  if (req.format === 'csv') {
    const missing = missingColumns(req.kind, req.columns, req.columnMap);
    if (missing.length > 0) {
      const rejected = missing.map((column) => ({ line: 1, column, reason: 'required column is missing from the header row' }));
      return finish({ ...base, status: 'rejected', rejected });
    }
  }

  const read = readRows<unknown>(req.kind, req);
  const result: ImportResult = { ...base, rejected: read.rejected, ignoredColumns: read.ignoredColumns };
  if (read.rejected.length > 0 && req.mode !== 'partial') return finish({ ...result, status: 'rejected' });

  const existing = await store.getMany(read.valid.map((r) => r.id));
  const changed: unknown[] = [];
  for (const r of read.valid) {
    const before = existing.get(r.id);
    if (!before) result.created++;
    else if (canonical(before) !== canonical(r.value)) result.updated++;
    else {
      result.unchanged++;
      continue;
    }
    changed.push(r.value);
  }
  result.warnings = await checkReferences(req.kind, read.valid, read.columnFor, deps);
  await store.upsertMany(changed);

  if (req.mode === 'snapshot' && req.kind === 'meetings' && req.window) {
    result.cancelled = await cancelMissing(req, read.valid as ValidRow<Meeting>[], deps);
  }
  return finish(result);
}

/** Snapshot: every scheduled meeting in the window that the file does not list is cancelled. */
async function cancelMissing(req: ImportRequest, valid: ValidRow<Meeting>[], deps: IntakeDeps): Promise<number> {
  const { from, to } = req.window!;
  const listed = new Set([...valid.map((r) => r.id), ...rawIds('meetings', req)]);
  const inWindow = await deps.meetings.listStartingBetween(londonInstant(from), londonInstant(nextDay(to)));
  const gone = inWindow.filter((m) => m.status === 'scheduled' && !listed.has(m.id)).map((m) => ({ ...m, status: 'cancelled' as const }));
  await deps.meetings.upsertMany(gone);
  for (const m of gone) {
    await deps.audit.append({
      actorId: req.actorId,
      action: 'meeting.cancelled_by_snapshot',
      recordType: 'meeting',
      recordId: m.id,
      detail: { importId: req.id, window: req.window },
    });
  }
  return gone.length;
}

type Ref = { field: string; store: UpsertStore<unknown>; what: string; alsoInFile?: boolean };

/** References to records that have not been imported: warnings, not rejections (files arrive in any order). */
async function checkReferences(
  kind: ImportKind,
  valid: ValidRow<unknown>[],
  columnFor: (field: string) => string,
  deps: IntakeDeps,
): Promise<RowProblem[]> {
  const refs: Record<ImportKind, Ref[]> = {
    children: [
      { field: 'workerId', store: deps.people, what: 'person' },
      { field: 'teamId', store: deps.teams, what: 'team' },
    ],
    people: [
      { field: 'teamId', store: deps.teams, what: 'team' },
      { field: 'lineManagerId', store: deps.people, what: 'person', alsoInFile: true },
    ],
    meetings: [{ field: 'childRef', store: deps.children, what: 'child' }],
    teams: [{ field: 'managerId', store: deps.people, what: 'person' }],
  };
  const inFile = new Set(valid.map((r) => r.id));
  const warnings: RowProblem[] = [];
  for (const ref of refs[kind]) {
    const valueOf = (r: ValidRow<unknown>) => (r.value as Record<string, unknown>)[ref.field] as string | undefined;
    const wanted = [...new Set(valid.map(valueOf).filter((v): v is string => !!v && !(ref.alsoInFile && inFile.has(v))))];
    const found = await ref.store.getMany(wanted);
    for (const r of valid) {
      const v = valueOf(r);
      if (v && !found.has(v) && !(ref.alsoInFile && inFile.has(v))) {
        warnings.push({ ...r.at, column: columnFor(ref.field), reason: `no ${ref.what} ${v} has been imported yet` });
      }
    }
  }
  return warnings;
}

