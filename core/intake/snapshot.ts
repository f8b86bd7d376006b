import { londonDate, londonInstant, type IsoDate } from '../calendar/working-days';
import type { Meeting } from '../model/meeting';
import { KINDS, type ImportKind } from './columns';
import { derivedIdsOf } from './meetings';
import type { Hold, ImportResult } from './result';
import { rawIds, type ValidRow } from './rows';
import type { DeleteThreshold, ImportRequest, IntakeDeps, SnapshotStore } from './run-import';

// What a snapshot takes away (records marked gone, meetings cancelled), and the threshold above which it waits
// for an administrator instead.

/** How the note on a held import starts (dropped when the import is confirmed). */
export const HOLD_NOTE = 'This snapshot would ';

const nextDay = (d: IsoDate): IsoDate => new Date(Date.parse(`${d}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** A snapshot that would take away more than the threshold allows: held until an administrator confirms it. */
export function overThreshold(onFile: number, r: Pick<ImportResult, 'gone' | 'cancelled'>, t: DeleteThreshold): Hold | undefined {
  const limit = Math.max((onFile * t.percent) / 100, t.records);
  return r.gone > limit || r.cancelled > limit ? { onFile, limit, wouldMarkGone: r.gone, wouldCancel: r.cancelled } : undefined;
}

export const holdNote = (req: ImportRequest, h: Hold): string => {
  const what = h.wouldCancel > h.limit ? `cancel ${h.wouldCancel} of the ${h.onFile} scheduled meetings in its window` : `mark ${h.wouldMarkGone} of the ${h.onFile} ${req.kind} on file as gone`;
  return `${HOLD_NOTE}${what}, more than the limit of ${Math.floor(h.limit)}: nothing was written. An administrator can confirm or discard it in Teams (admin); a newer ${req.kind} import replaces it.`;
};

export interface Leavers {
  onFile: number;
  gone: { goneOn?: string }[];
  cancelled: Meeting[];
  /** Core groups worked out from a meeting being cancelled: cancelled with it, not counted apart. */
  followers?: Meeting[];
  idOf: (v: object) => string;
}

/**
 * A snapshot's leavers: the records on file it leaves out (children, people, teams: to be marked gone), or
 * the scheduled meetings in its window it leaves out (to be cancelled). A confirmed import takes only the ids
 * the administrator saw. Rows rejected in partial mode still count as listed (their ids are read raw).
 */
export async function snapshotLeavers(req: ImportRequest, valid: ValidRow<unknown>[], deps: IntakeDeps): Promise<Leavers> {
  const none: Leavers = { onFile: 0, gone: [], cancelled: [], idOf: (v) => String((v as { id?: string }).id) };
  if (req.mode !== 'snapshot') return none;
  const listed = new Set([...valid.map((r) => r.id), ...rawIds(req.kind, req)]);
  if (req.kind === 'meetings') {
    if (!req.window) return none;
    const { from, to } = req.window;
    const inWindow = await deps.meetings.listStartingBetween(londonInstant(from), londonInstant(nextDay(to)));
    // A core group worked out by the import is not in the case system's file: it goes only with its source.
    const scheduled = inWindow.filter((m) => m.status === 'scheduled' && !m.derivedFrom);
    const allowed = req.confirmed && new Set(req.confirmed.cancelled);
    const left = scheduled.filter((m) => !listed.has(m.id) && (!allowed || allowed.has(m.id)));
    const followerIds = left.flatMap(derivedIdsOf);
    const followers = followerIds.length === 0 ? [] : [...(await deps.meetings.getMany(followerIds)).values()].filter((m) => m.status === 'scheduled');
    const cancel = (ms: Meeting[]) => ms.map((m) => ({ ...m, status: 'cancelled' as const }));
    return { ...none, onFile: scheduled.length, cancelled: cancel(left), followers: cancel(followers) };
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
export async function markGone(req: ImportRequest, gone: { goneOn?: string }[], idOf: (v: object) => string, deps: IntakeDeps): Promise<void> {
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
export async function cancelMeetings(req: ImportRequest, cancelled: Meeting[], deps: IntakeDeps): Promise<void> {
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
