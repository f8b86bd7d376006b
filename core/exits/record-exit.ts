import { londonDate, type WorkingCalendar } from '../calendar/working-days';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import { generalTermsProblem, type PiiScan } from '../pii/general-terms';
import { piiKindLabel } from '../pii/kinds';
import type { AuditLog, ChildStore, PersonStore } from '../ports';
import { decide } from '../roles/authorise';
import { fixedItemId } from '../tracker/fixed-id';
import type { TrackerItem } from '../tracker/item';
import type { TrackerStore } from '../tracker/ports';
import { needsRewording } from '../tracker/reading';
import { coverHolds, coverOn, type CoverStore } from '../voice/cover';
import { exitKeyOf, HeldSchema, MAX_POINTS, type ExitKey, type ExitRecord } from './exit';
import type { ExitStore } from './ports';
import type { ExitErrors, ExitForm } from './view';

/** Working days a "you said" point from an exit conversation is due in. */
export const EXIT_ITEM_WORKING_DAYS = 20;
const POINT_MAX = 500;
const POINTS = ['point1', 'point2', 'point3'] as const;

export interface RecordExitDeps {
  exits: ExitStore;
  children: Pick<ChildStore, 'get'>;
  people: Pick<PersonStore, 'get'>;
  covers?: Pick<CoverStore, 'listFor'>;
  items: Pick<TrackerStore, 'get' | 'create'>;
  audit: Pick<AuditLog, 'append'>;
  clock: Clock;
  calendar: WorkingCalendar;
  pii: PiiScan;
}

export type RecordExitResult =
  | { ok: true; record: ExitRecord }
  | { ok: false; record: ExitRecord; errors: ExitErrors }
  /** Answered before (another press, or a colleague): nothing changes. */
  | { ok: false; record: ExitRecord; already: true };

/** The ending's record, if the actor may answer it: the child's worker, or the colleague covering them today. */
export async function openExit(deps: RecordExitDeps, actorId: string, key: ExitKey): Promise<ExitRecord> {
  const record = await deps.exits.get(key);
  if (!record) throw new DomainError('NOT_FOUND', 'This exit conversation question is no longer on file.');
  const child = (await deps.children.get(key.childRef))?.value;
  const holder = child?.workerId ?? record.workerId;
  const actor = await deps.people.get(actorId);
  const who = { id: actorId, roles: actor?.roles ?? [], ...(actor?.goneOn ? { goneOn: actor.goneOn } : {}) };
  const subject = { label: key.childRef, holderIds: [holder] };
  let decision = decide(who, 'exit.record', subject);
  if (!decision.allowed && !actor?.goneOn && deps.covers) {
    const cover = await coverOn(holder, londonDate(deps.clock.now()), deps.covers);
    // A cover counts only while it still holds today (the colleague still in the worker's team, or approved from outside).
    const holds = cover?.coverId === actorId && coverHolds(cover, await deps.people.get(holder), actor);
    decision = decide(who, 'exit.record', { ...subject, coverIds: [holds ? cover.coverId : undefined] });
  }
  if (!decision.allowed) {
    await deps.audit.append({ actorId, action: 'access.refused', recordType: 'child', recordId: key.childRef, detail: { action: 'exit.record' } });
    throw new DomainError('FORBIDDEN', decision.reason);
  }
  return record;
}

/** Checks the form; every problem is named beside its field, and nothing is kept until all are put right. */
export function validateExit(form: ExitForm, ctx: { record: ExitRecord; today: string; pii: PiiScan }) {
  const errors: ExitErrors = {};
  const offered = form.offered === 'yes' ? true : form.offered === 'no' ? false : undefined;
  if (offered === undefined) errors.offered = 'Say whether an exit conversation was offered.';
  const held = HeldSchema.safeParse(form.held);
  if (!held.success) errors.held = 'Say whether it was held (or the young person declined).';
  else if (offered === false && held.data !== 'no') errors.held = 'It was not offered, so choose "No, not held".';
  const heldOn = (form.heldOn ?? '').trim();
  if (held.success && held.data === 'yes') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(heldOn)) errors.heldOn = 'Give the date it was held.';
    else if (heldOn > ctx.today) errors.heldOn = 'That date is in the future: record the conversation once it has been held.';
  }
  const points: string[] = [];
  for (const f of POINTS) {
    const text = (form[f] ?? '').trim();
    if (!text) continue;
    const found = ctx.pii(text);
    if (text.length > POINT_MAX) errors[f] = `Please keep this under ${POINT_MAX} characters.`;
    else if (found.length) errors[f] = `This seems to identify someone (${[...new Set(found.map((x) => piiKindLabel[x.kind]))].join(', ')}): say it in general terms, e.g. "young people leaving care want more help with money".`;
    else if (generalTermsProblem(text)) errors[f] = generalTermsProblem(text);
    else points.push(text);
  }
  if (points.length && !(held.success && held.data === 'yes')) errors.point1 ??= 'Points come from a conversation that was held: choose "Yes, it was held", or leave them blank.';
  if (Object.keys(errors).length || offered === undefined || !held.success) return { ok: false as const, errors };
  return { ok: true as const, value: { offered, held: held.data, ...(held.data === 'yes' ? { heldOn } : {}), points: points.slice(0, MAX_POINTS) } };
}

/**
 * The worker answers the exit conversation card once: whether one was offered and held, and up to three
 * points, each raised as a "You said" item (the worker raises and owns it). Audited; the points' words are
 * kept only in the tracker. Items have ids fixed by the ending, so an answer stopped half-way and sent
 * again raises none twice.
 */
export async function recordExit(deps: RecordExitDeps, o: { actorId: string; key: ExitKey; form: ExitForm }): Promise<RecordExitResult> {
  const record = await openExit(deps, o.actorId, o.key);
  if (record.answeredAt) return { ok: false, record, already: true };
  const now = deps.clock.now();
  const today = londonDate(now);
  const checked = validateExit(o.form, { record, today, pii: deps.pii });
  if (!checked.ok) return { ok: false, record, errors: checked.errors };
  const at = now.toISOString();
  const due = deps.calendar.addWorkingDays(today, EXIT_ITEM_WORKING_DAYS);
  const actor = await deps.people.get(o.actorId);
  const itemIds: string[] = [];
  for (const [i, youSaid] of checked.value.points.entries()) {
    const id = fixedItemId('exit', `${exitKeyOf(o.key)}:${i}`);
    itemIds.push(id);
    if (await deps.items.get(id)) continue;
    const item: TrackerItem = {
      id, youSaid, saidBy: 'child', source: { kind: 'exit', ended: o.key.kind },
      raisedById: o.actorId, raisedAt: at, raisedOn: today, ownerId: o.actorId, teamId: actor?.teamId ?? record.teamId,
      dueDate: due, status: 'open', shareable: true, updatedAt: at,
    };
    if (needsRewording(item)) item.needsRewording = true;
    try {
      await deps.items.create(item);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'CONFLICT') continue; // a press a moment before raised it
      throw err;
    }
    await deps.audit.append({ actorId: o.actorId, action: 'tracker.raised', recordType: 'tracker-item', recordId: id, at, detail: { source: 'exit', saidBy: 'child', ownerId: o.actorId, dueDate: due, shareable: true, needsRewording: !!item.needsRewording } });
  }
  const saved: ExitRecord = {
    ...record, offered: checked.value.offered, held: checked.value.held, ...(checked.value.heldOn ? { heldOn: checked.value.heldOn } : {}),
    itemIds, answeredById: o.actorId, answeredAt: at,
  };
  await deps.exits.save(saved);
  await deps.audit.append({
    actorId: o.actorId, action: 'exit.recorded', recordType: 'child', recordId: o.key.childRef, at,
    detail: { kind: o.key.kind, endedOn: o.key.endedOn, offered: saved.offered, held: saved.held, heldOn: saved.heldOn ?? null, points: itemIds.length },
  });
  return { ok: true, record: saved };
}
