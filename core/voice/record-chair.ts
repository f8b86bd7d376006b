import { londonDate } from '../calendar/working-days';
import { DomainError } from '../errors';
import { decide } from '../roles/authorise';
import { ChairFormSchema, chairRecordClosed, otherChairsRecordWords, validateChairForm, type ChairErrors, type ChairForm, type ChairRecord } from './chair-record';
import { loadMeetingContext, type MeetingContext, type VoiceDeps } from './context';
import { feedbackAudit, youSaidLinks } from './meeting-feedback';
import type { ChairRecordStore } from './ports';

export type ChairDeps = Pick<VoiceDeps, 'meetings' | 'children' | 'people' | 'audit' | 'clock' | 'calendar' | 'settings'> & { chairRecords: ChairRecordStore };

/**
 * The meeting, if the actor is its chair (the import's chair_id); refused in words, and audited, otherwise.
 * Refused too, in words, for a cancelled meeting and once the record's time has passed.
 */
async function asChair(actorId: string, meetingId: string, deps: ChairDeps): Promise<MeetingContext> {
  const ctx = await loadMeetingContext(meetingId, deps);
  const actor = await deps.people.get(actorId);
  const decision = decide(actor ? { ...actor, id: actorId } : undefined, 'voice.chair', { label: ctx.child.ref, chairIds: [ctx.meeting.chairId] });
  if (!decision.allowed) {
    await deps.audit.append({ actorId, action: 'access.refused', recordType: 'child', recordId: ctx.child.ref, detail: { action: 'voice.chair' } });
    throw new DomainError('FORBIDDEN', decision.reason);
  }
  // Its own chair, but not now (cancelled, or the record's time passed): refused in words, audited like any refusal.
  const closed = chairRecordClosed(ctx.meeting, londonDate(deps.clock.now()), deps.calendar);
  if (closed) {
    await deps.audit.append({ actorId, action: 'access.refused', recordType: 'child', recordId: ctx.child.ref, detail: { action: 'voice.chair', meetingId, reason: closed.reason } });
    throw new DomainError('CONFLICT', closed.words);
  }
  return ctx;
}

/** The name of the chair who recorded this meeting, when that is a chair other than the actor (the import moved the meeting). */
async function otherChair(actorId: string, record: ChairRecord | undefined, deps: ChairDeps): Promise<string | undefined> {
  if (record?.pnBy !== 'chair' || record.recordedBy === actorId) return undefined;
  return (await deps.people.get(record.recordedBy))?.displayName ?? 'Another chair';
}

/** Opens the chair's card: what is on file for the meeting (a read of the child's data, so audited). */
export async function openChairRecord(input: { actorId: string; meetingId: string }, deps: ChairDeps): Promise<MeetingContext & { record?: ChairRecord; lockedBy?: string }> {
  const ctx = await asChair(input.actorId, input.meetingId, deps);
  const record = await deps.chairRecords.get(input.meetingId);
  await deps.audit.append({ actorId: input.actorId, action: 'chair.read', recordType: 'meeting', recordId: input.meetingId, detail: { childRef: ctx.child.ref } });
  const lockedBy = await otherChair(input.actorId, record, deps);
  return { ...ctx, ...(record ? { record } : {}), ...(lockedBy ? { lockedBy } : {}) };
}

export type ChairOutcome = { ok: true; record: ChairRecord; ctx: MeetingContext } | { ok: false; errors: ChairErrors; form: ChairForm; ctx: MeetingContext };

/** The chair records how the child took part, reg 36 and whether the plan changed; each problem is named beside its field, entries kept. */
export async function recordChair(input: { actorId: string; meetingId: string; form: unknown }, deps: ChairDeps): Promise<ChairOutcome> {
  const ctx = await asChair(input.actorId, input.meetingId, deps);
  const before = await deps.chairRecords.get(input.meetingId);
  // A chair's record is theirs: the chair the meeting moved to is refused, in words, audited.
  const lockedBy = await otherChair(input.actorId, before, deps);
  if (lockedBy) {
    await deps.audit.append({ actorId: input.actorId, action: 'access.refused', recordType: 'child', recordId: ctx.child.ref, detail: { action: 'voice.chair', recordedBy: before!.recordedBy } });
    throw new DomainError('FORBIDDEN', otherChairsRecordWords(lockedBy));
  }
  const parsed = ChairFormSchema.safeParse(input.form);
  const form = parsed.success ? parsed.data : {};
  const now = deps.clock.now();
  const checked = validateChairForm(form, { meeting: ctx.meeting, child: ctx.child, today: londonDate(now) });
  if (!checked.ok) return { ok: false, errors: checked.errors, form, ctx };
  const record: ChairRecord = { meetingId: ctx.meeting.id, childRef: ctx.child.ref, ...checked.value, ...youSaidLinks(before), pnBy: 'chair', recordedBy: input.actorId, recordedAt: now.toISOString() };
  await deps.chairRecords.save(record);
  await deps.audit.append({
    actorId: input.actorId, action: before ? 'chair.updated' : 'chair.recorded', recordType: 'meeting', recordId: ctx.meeting.id,
    detail: { childRef: ctx.child.ref, pnCode: record.pnCode, attended: record.attended, metBefore: record.metBefore, metAlone: record.metAlone, advocacy: record.advocacy, viewsChangedPlan: record.viewsChangedPlan, ...feedbackAudit(record) },
  });
  return { ok: true, record, ctx };
}
