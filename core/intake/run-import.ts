import { londonDate, londonInstant, type IsoDate } from '../calendar/working-days';
import type { Child } from '../model/child';
import type { Meeting } from '../model/meeting';
import type { Person } from '../model/person';
import type { Team } from '../model/team';
import type { AuditLog } from '../ports';
import { KINDS, type ImportKind } from './columns';
import type { ImportMode, ImportResult } from './result';
import { missingColumns, rawIds, readRows, type FileRows, type RowProblem, type ValidRow } from './rows';

/** What intake needs of a store: read many by id, write many (idempotent upsert by id). */
export interface UpsertStore<T> {
  getMany(ids: readonly string[]): Promise<Map<string, T>>;
  upsertMany(values: readonly T[]): Promise<void>;
}

/** A store a snapshot can mark records gone in: `list` returns the records not already gone. */
export interface SnapshotStore<T> extends UpsertStore<T> {
  list(): Promise<T[]>;
}

export interface IntakeDeps {
  children: SnapshotStore<Child>;
  people: SnapshotStore<Person>;
  teams: SnapshotStore<Team>;
  meetings: UpsertStore<Meeting> & { listStartingBetween(from: Date, to: Date): Promise<Meeting[]> };
  audit: AuditLog;
  now: () => Date;
}

/** CSV: a required column missing from the header rejects the whole file. */
export interface ImportRequest extends FileRows {
  id: string;
  kind: ImportKind;
  mode: ImportMode;
  /** Snapshot mode for meetings: London dates, both inclusive. Children, people and teams need none. */
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
    gone: 0,
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
        gone: done.gone,
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
  const listsEverything = req.mode === 'snapshot' && req.kind !== 'meetings';
  if (listsEverything && read.valid.length === 0) {
    // A truncated export must not mark every child (or person, or team) as gone.
    const reason = `a snapshot with no rows would mark every record as gone: send the full list of ${req.kind}`;
    return finish({ ...result, status: 'rejected', rejected: [{ line: 1, column: read.columnFor(KINDS[req.kind].idField), reason }] });
  }

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
  if (listsEverything) result.gone = await markMissingGone(req, read.valid, deps);
  return finish(result);
}

type Listed = Exclude<ImportKind, 'meetings'>;
const singular: Record<Listed, string> = { children: 'child', people: 'person', teams: 'team' };

/** Records on file that a snapshot leaves out, stamped with the date they went (pure, so the rule is testable alone). */
export function goneSince<T extends { goneOn?: string }>(onFile: readonly T[], listed: ReadonlySet<string>, idOf: (v: T) => string, today: IsoDate): T[] {
  // Already-gone records keep their first date: stamping them again each night would keep them forever.
  return onFile.filter((v) => !v.goneOn && !listed.has(idOf(v))).map((v) => ({ ...v, goneOn: today }));
}

/**
 * Snapshot of children, people or teams: the file is the whole list, so a record on file that it leaves out
 * has gone (a case closed, a member of staff left, a team was disbanded). It is only marked, with the date:
 * the nightly purge deletes it once that date is past its retention (docs/retention.md), and any later import
 * listing it again writes the record without the mark.
 */
async function markMissingGone(req: ImportRequest, valid: ValidRow<unknown>[], deps: IntakeDeps): Promise<number> {
  const kind = req.kind as Listed;
  const store = deps[kind] as SnapshotStore<{ goneOn?: string }>;
  const idField = KINDS[kind].idField;
  const idOf = (v: object): string => String((v as Record<string, unknown>)[idField]);
  const listed = new Set([...valid.map((r) => r.id), ...rawIds(kind, req)]);
  const gone = goneSince(await store.list(), listed, idOf, londonDate(deps.now()));
  await store.upsertMany(gone);
  for (const v of gone) {
    await deps.audit.append({
      actorId: req.actorId,
      action: `${singular[kind]}.gone_by_snapshot`,
      recordType: singular[kind],
      recordId: idOf(v),
      detail: { importId: req.id },
    });
  }
  return gone.length;
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

