import type { IsoDate, WorkingCalendar } from '../calendar/working-days';
import { withTeamHistory, type Child } from '../model/child';
import type { Meeting } from '../model/meeting';
import type { Person } from '../model/person';
import type { Team } from '../model/team';
import type { AuditLog } from '../ports';
import { KINDS, type ImportKind } from './columns';
import type { ImportMode, ImportPlan, ImportResult } from './result';
import { missingColumns, readRows, type FileRows, type RowProblem, type ValidRow } from './rows';
import { mapLimit } from '../util';
import { completeMeetings, derivedIdsOf, onPlanOf, type MeetingRow } from './meetings';
import { cancelMeetings, HOLD_NOTE, holdNote, markGone, overThreshold, snapshotLeavers } from './snapshot';

export { goneSince } from './snapshot';

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
  meetings: UpsertStore<Meeting> & { listStartingBetween(from: Date, to: Date): Promise<Meeting[]>; listForChild?(childRef: string): Promise<Meeting[]> };
  audit: AuditLog;
  now: () => Date;
  /** A snapshot marking more gone (or cancelling more) than the larger of these is held for an administrator. */
  deleteThreshold?: DeleteThreshold;
  /** Working days for assessments' due dates and core groups (England & Wales unless given). */
  calendar?: WorkingCalendar;
  /** Core groups after the first, in weeks (CORE_GROUP_INTERVAL_WEEKS; 6 unless given). */
  coreGroupIntervalWeeks?: number;
  /**
   * After a children import is written: the rows with a care episode or pathway support ended, whose workers
   * are asked (once) about an exit conversation (core/exits). Returns how many were asked this time.
   */
  askExits?: (children: readonly Child[]) => Promise<number>;
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
  const meetingsDone = req.kind === 'meetings' ? await completeMeetingRows(read.valid as ValidRow<MeetingRow>[], deps) : undefined;
  if (meetingsDone) read.valid = meetingsDone.valid;
  // Meetings are read before the rows are judged (and the same read serves the upsert below): a meeting's voice
  // evidence is filed under its id, so moved to another child, the first child's record, notes and audit trail
  // would show on the other child's cards and in their subject access export.
  const meetingsOnFile = req.kind === 'meetings' ? await deps.meetings.getMany(read.valid.map((r) => r.id)) : undefined;
  if (meetingsOnFile) {
    const moved = (read.valid as ValidRow<Meeting>[]).filter((r) => movedToAnotherChild(meetingsOnFile.get(r.id), r.value));
    const ids = new Set(moved.map((r) => r.id));
    read.valid = read.valid.filter((r) => !ids.has(r.id));
    read.rejected = [...read.rejected, ...moved.map((r) => ({ ...r.at, column: read.columnFor('childRef'), reason: MOVED_REASON }))];
  }
  if (meetingsOnFile && meetingsDone) {
    meetingsDone.replaced.push(...(await orphanedCoreGroups(read.valid as ValidRow<Meeting>[], meetingsOnFile, meetingsDone.derived, deps.meetings)));
  }
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
  const existing: Map<string, unknown> = meetingsOnFile ?? (await store.getMany(read.valid.map((r) => r.id)));
  const plan: ImportPlan = { created: [], updated: [], gone: [], cancelled: [] };
  const changed: unknown[] = [];
  for (const r of read.valid) {
    const before = existing.get(r.id);
    if (before && r.absent) r.value = keptFrom(before as Record<string, unknown>, r.value as Record<string, unknown>, r.absent);
    // A child keeps the teams they were in (the digests place past meetings there); a move adds the team left.
    if (req.kind === 'children') r.value = withTeamHistory(before as Child | undefined, r.value as Child, deps.now());
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
  result.warnings = [...(await checkReferences(req.kind, read.valid, read.columnFor, deps)), ...(meetingsDone?.warnings ?? [])];
  if (meetingsDone) {
    // Core groups worked out from the file, and those it replaces, are written with the rows (not counted as rows).
    const extra = await changedOnly([...meetingsDone.derived, ...meetingsDone.replaced], deps.meetings);
    changed.push(...extra);
    if (extra.length > 0) result.notes = [...result.notes, coreGroupNote(meetingsDone.derived, meetingsDone.replaced, extra)];
  }

  // What the snapshot would take away is worked out before anything is written, so a held import writes nothing.
  const leaving = await snapshotLeavers(req, read.valid, deps);
  if (req.kind === 'meetings' && read.valid.length === 0 && leaving.cancelled.length > 0 && !req.confirmed) {
    // As for the other kinds: an export that died after its header must not cancel the window, however few are in it.
    const reason = `a snapshot with no rows would cancel all ${leaving.cancelled.length} scheduled meetings in its window: send the window's meetings (a cancelled one with status cancelled)`;
    return finish({ ...result, status: 'rejected', rejected: [...read.rejected, { line: 1, column: read.columnFor('id'), reason }] });
  }
  plan.gone = leaving.gone.map(leaving.idOf);
  plan.cancelled = leaving.cancelled.map((m) => m.id);
  result.gone = plan.gone.length;
  result.cancelled = plan.cancelled.length;
  const hold = overThreshold(leaving.onFile, result, deps.deleteThreshold ?? DEFAULT_DELETE_THRESHOLD);
  if (req.dryRun) return finish({ ...result, status: rejected ? 'rejected' : hold && !req.confirmed ? 'held' : 'done', hold, plan });
  if (hold && !req.confirmed) return finish({ ...result, status: 'held', hold, plan, notes: [...result.notes, holdNote(req, hold)] });

  await store.upsertMany(changed);
  if (leaving.cancelled.length > 0) await cancelMeetings(req, [...leaving.cancelled, ...(leaving.followers ?? [])], deps);
  if (leaving.gone.length > 0) await markGone(req, leaving.gone, leaving.idOf, deps);
  if (req.kind === 'children' && deps.askExits) {
    // Every ended row, changed or not: a run stopped before this point asks next time; each ask is kept once.
    const ended = (read.valid as ValidRow<Child>[]).map((r) => r.value).filter((c) => c.careEnded || c.pathwayEnded);
    const asked = ended.length > 0 ? await deps.askExits(ended) : 0;
    if (asked > 0) result.notes = [...result.notes, `${asked} worker${asked === 1 ? ' was' : 's were'} asked about an exit conversation (a care episode or pathway support ended).`];
  }
  return finish(result);
}

/** Assessments' due dates filled in, core groups worked out, and the derived core groups an explicit one replaces. */
async function completeMeetingRows(rows: ValidRow<MeetingRow>[], deps: IntakeDeps) {
  const coreGroupChildren = [...new Set(rows.filter((r) => r.value.type === 'CORE_GROUP').map((r) => r.value.childRef))];
  const children = coreGroupChildren.length > 0 ? await deps.children.getMany(coreGroupChildren) : new Map<string, Child>();
  const done = completeMeetings(rows, deps, onPlanOf(children));
  const derivedIds = new Set(done.derived.map((m) => m.id));
  const withGiven = [...new Set(done.valid.filter((r) => r.value.type === 'CORE_GROUP' && r.value.status === 'scheduled').map((r) => r.value.childRef))];
  // One partition read per child given a core group, 16 at a time (a nightly file may hold hundreds).
  const listForChild = deps.meetings.listForChild?.bind(deps.meetings);
  const onFile = listForChild ? (await mapLimit(withGiven, 16, listForChild)).flat() : [];
  const replaced = onFile.filter((m) => m.derivedFrom && m.status === 'scheduled' && !derivedIds.has(m.id)).map((m) => ({ ...m, status: 'cancelled' as const }));
  return { ...done, replaced };
}

/**
 * Core groups worked out from a meeting on file that, as the file now gives it, works none out (a core group
 * cancelled, an ICPC retyped): they go with their source. Only rows whose type or status changed are looked at.
 */
async function orphanedCoreGroups(rows: ValidRow<Meeting>[], onFile: Map<string, Meeting>, derived: Meeting[], store: UpsertStore<Meeting>): Promise<(Meeting & { status: 'cancelled' })[]> {
  const still = new Set(derived.map((m) => m.id));
  const ids = rows.flatMap(({ id, value }) => {
    const was = onFile.get(id);
    return was && (was.type !== value.type || was.status !== value.status) ? derivedIdsOf(was).filter((d) => !still.has(d)) : [];
  });
  if (ids.length === 0) return [];
  const found = [...(await store.getMany(ids)).values()];
  return found.filter((m) => m.derivedFrom && m.status === 'scheduled').map((m) => ({ ...m, status: 'cancelled' as const }));
}

/** The row, with the values on file for the optional fields it says nothing about (not a zod default in their place). */
const keptFrom = (before: Record<string, unknown>, value: Record<string, unknown>, absent: readonly string[]): Record<string, unknown> => {
  const kept = { ...value };
  for (const field of absent) {
    if (before[field] === undefined) delete kept[field];
    else kept[field] = before[field];
  }
  return kept;
};

const MOVED_REASON = 'this meeting is on file for another child, and a meeting never moves between children (what was recorded for it is that child\'s): cancel it and give the meeting a new id';

/** A meeting on file given to another child. */
const movedToAnotherChild = (was: Meeting | undefined, now: Meeting): boolean => was !== undefined && was.childRef !== now.childRef;

/** The meetings that differ from what is on file (so the same file twice writes nothing); never one moved to another child. */
async function changedOnly(meetings: Meeting[], store: UpsertStore<Meeting>): Promise<Meeting[]> {
  if (meetings.length === 0) return [];
  const before = await store.getMany(meetings.map((m) => m.id));
  return meetings.filter((m) => {
    const was = before.get(m.id);
    return !was || (!movedToAnotherChild(was, m) && canonical(was) !== canonical(m));
  });
}

const coreGroupNote = (derived: Meeting[], replaced: Meeting[], written: Meeting[]): string => {
  const ids = new Set(written.map((m) => m.id));
  const made = derived.filter((m) => ids.has(m.id) && m.status === 'scheduled').length;
  const gone = replaced.filter((m) => ids.has(m.id)).length + derived.filter((m) => ids.has(m.id) && m.status === 'cancelled').length;
  const parts = [
    made > 0 ? `${made} core group${made === 1 ? '' : 's'} worked out from the file (a first core group 10 working days after an initial conference, or the next at the council's interval)` : '',
    gone > 0 ? `${gone} worked-out core group${gone === 1 ? '' : 's'} cancelled (the case system gave the date, or the meeting it came from was cancelled or is no longer a conference or core group)` : '',
  ].filter(Boolean);
  return `${parts.join('; ')}.`;
};

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

