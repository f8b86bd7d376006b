import { londonDate, londonInstant, type IsoDate } from '../calendar/working-days';
import type { Child } from '../model/child';
import type { Meeting } from '../model/meeting';
import type { Person } from '../model/person';
import type { Team } from '../model/team';
import type { AuditLog } from '../ports';
import { KINDS, type ImportKind } from './columns';
import type { Hold, ImportMode, ImportPlan, ImportResult } from './result';
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
  /** A snapshot marking more gone (or cancelling more) than the larger of these is held for an administrator. */
  deleteThreshold?: DeleteThreshold;
}

/** The accidental-delete threshold, per kind: the larger of `percent` of what is on file and `records`. */
export interface DeleteThreshold {
  percent: number;
  records: number;
}
export const DEFAULT_DELETE_THRESHOLD: DeleteThreshold = { percent: 5, records: 20 };

/** CSV: a required column missing from the header rejects the whole file. */
export interface ImportRequest extends FileRows {
  id: string;
  kind: ImportKind;
  mode: ImportMode;
  /** Snapshot mode for meetings: London dates, both inclusive. Children, people and teams need none. */
  window?: { from: IsoDate; to: IsoDate };
  actorId: string;
  submittedAt?: string;
  /** Work out what the import would do, and write nothing. */
  dryRun?: boolean;
  /** An administrator confirmed this held import: mark gone and cancel exactly these ids (those still due), whatever the threshold. */
  confirmed?: Pick<ImportPlan, 'gone' | 'cancelled'>;
  /** Carried into the result: the file as received, and notes about it (its encoding). */
  file?: ImportResult['file'];
  notes?: string[];
}

/** Stable JSON with sorted keys, so "unchanged" means equal field by field. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b)))
      : x,
  );

/** How the note on a held import starts (dropped when the import is confirmed). */
const HOLD_NOTE = 'This snapshot would ';

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
    ...(req.dryRun ? { dryRun: true } : {}),
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
    file: req.file,
    notes: (req.notes ?? []).filter((n) => !n.startsWith(HOLD_NOTE)), // a confirmed import's hold no longer applies
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
        ...(req.dryRun ? { dryRun: true } : {}),
        ...(req.confirmed ? { confirmed: true } : {}),
        status: done.status,
        received: done.received,
        created: done.created,
        updated: done.updated,
        unchanged: done.unchanged,
        cancelled: done.cancelled,
        gone: done.gone,
        rejected: done.rejectedCount,
        ...(done.file ? { encoding: done.file.encoding, bytes: done.file.bytes } : {}),
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
  const rejected = read.rejected.length > 0 && req.mode !== 'partial';
  // A dry run carries on past rejections, to say what the rest of the file would do.
  if (rejected && !req.dryRun) return finish({ ...result, status: 'rejected' });
  const listsEverything = req.mode === 'snapshot' && req.kind !== 'meetings';
  if (listsEverything && read.valid.length === 0) {
    // A truncated export must not mark every child (or person, or team) as gone.
    const reason = `a snapshot with no rows would mark every record as gone: send the full list of ${req.kind}`;
    return finish({ ...result, status: 'rejected', rejected: [...read.rejected, { line: 1, column: read.columnFor(KINDS[req.kind].idField), reason }] });
  }
  const existing = await store.getMany(read.valid.map((r) => r.id));
  const plan: ImportPlan = { created: [], updated: [], gone: [], cancelled: [] };
  const changed: unknown[] = [];
  for (const r of read.valid) {
    const before = existing.get(r.id);
    if (!before) plan.created.push(r.id);
    else if (canonical(before) !== canonical(r.value)) plan.updated.push(r.id);
    else {
      result.unchanged++;
      continue;
    }
    changed.push(r.value);
  }
  result.created = plan.created.length;
  result.updated = plan.updated.length;
  result.warnings = await checkReferences(req.kind, read.valid, read.columnFor, deps);

  // What the snapshot would take away is worked out before anything is written, so a held import writes nothing.
  const leaving = await snapshotLeavers(req, read.valid, deps);
  plan.gone = leaving.gone.map(leaving.idOf);
  plan.cancelled = leaving.cancelled.map((m) => m.id);
  result.gone = plan.gone.length;
  result.cancelled = plan.cancelled.length;
  const hold = overThreshold(leaving.onFile, result, deps.deleteThreshold ?? DEFAULT_DELETE_THRESHOLD);
  if (req.dryRun) return finish({ ...result, status: rejected ? 'rejected' : hold && !req.confirmed ? 'held' : 'done', hold, plan });
  if (hold && !req.confirmed) return finish({ ...result, status: 'held', hold, plan, notes: [...result.notes, holdNote(req, hold)] });

  await store.upsertMany(changed);
  if (leaving.cancelled.length > 0) await cancelMeetings(req, leaving.cancelled, deps);
  if (leaving.gone.length > 0) await markGone(req, leaving.gone, leaving.idOf, deps);
  return finish(result);
}

/** A snapshot that would take away more than the threshold allows: held until an administrator confirms it. */
function overThreshold(onFile: number, r: Pick<ImportResult, 'gone' | 'cancelled'>, t: DeleteThreshold): Hold | undefined {
  const limit = Math.max((onFile * t.percent) / 100, t.records);
  return r.gone > limit || r.cancelled > limit ? { onFile, limit, wouldMarkGone: r.gone, wouldCancel: r.cancelled } : undefined;
}

const holdNote = (req: ImportRequest, h: Hold): string => {
  const what = h.wouldCancel > h.limit ? `cancel ${h.wouldCancel} of the ${h.onFile} scheduled meetings in its window` : `mark ${h.wouldMarkGone} of the ${h.onFile} ${req.kind} on file as gone`;
  return `${HOLD_NOTE}${what}, more than the limit of ${Math.floor(h.limit)}: nothing was written. An administrator can confirm or discard it in Teams (admin); a newer ${req.kind} import replaces it.`;
};

interface Leavers {
  onFile: number;
  gone: { goneOn?: string }[];
  cancelled: Meeting[];
  idOf: (v: object) => string;
}

/**
 * A snapshot's leavers: the records on file it leaves out (children, people, teams: to be marked gone), or
 * the scheduled meetings in its window it leaves out (to be cancelled). A confirmed import takes only the ids
 * the administrator saw. Rows rejected in partial mode still count as listed (their ids are read raw).
 */
async function snapshotLeavers(req: ImportRequest, valid: ValidRow<unknown>[], deps: IntakeDeps): Promise<Leavers> {
  const none: Leavers = { onFile: 0, gone: [], cancelled: [], idOf: (v) => String((v as { id?: string }).id) };
  if (req.mode !== 'snapshot') return none;
  const listed = new Set([...valid.map((r) => r.id), ...rawIds(req.kind, req)]);
  if (req.kind === 'meetings') {
    if (!req.window) return none;
    const { from, to } = req.window;
    const inWindow = await deps.meetings.listStartingBetween(londonInstant(from), londonInstant(nextDay(to)));
    const scheduled = inWindow.filter((m) => m.status === 'scheduled');
    const allowed = req.confirmed && new Set(req.confirmed.cancelled);
    const cancelled = scheduled
      .filter((m) => !listed.has(m.id) && (!allowed || allowed.has(m.id)))
      .map((m) => ({ ...m, status: 'cancelled' as const }));
    return { ...none, onFile: scheduled.length, cancelled };
  }
  const kind = req.kind;
  const idField = KINDS[kind].idField;
  const idOf = (v: object): string => String((v as Record<string, unknown>)[idField]);
  const onFile = await (deps[kind] as SnapshotStore<{ goneOn?: string }>).list();
  const allowed = req.confirmed && new Set(req.confirmed.gone);
  const gone = goneSince(onFile, listed, idOf, londonDate(deps.now())).filter((v) => !allowed || allowed.has(idOf(v)));
  return { onFile: onFile.length, gone, cancelled: [], idOf };
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
async function markGone(req: ImportRequest, gone: { goneOn?: string }[], idOf: (v: object) => string, deps: IntakeDeps): Promise<void> {
  const kind = req.kind as Listed;
  await (deps[kind] as SnapshotStore<{ goneOn?: string }>).upsertMany(gone);
  for (const v of gone) {
    await deps.audit.append({
      actorId: req.actorId,
      action: `${singular[kind]}.gone_by_snapshot`,
      recordType: singular[kind],
      recordId: idOf(v),
      detail: { importId: req.id },
    });
  }
}

/** Snapshot of meetings: every scheduled meeting in the window that the file does not list is cancelled. */
async function cancelMeetings(req: ImportRequest, cancelled: Meeting[], deps: IntakeDeps): Promise<void> {
  await deps.meetings.upsertMany(cancelled);
  for (const m of cancelled) {
    await deps.audit.append({
      actorId: req.actorId,
      action: 'meeting.cancelled_by_snapshot',
      recordType: 'meeting',
      recordId: m.id,
      detail: { importId: req.id, window: req.window },
    });
  }
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

