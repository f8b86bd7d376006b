import { londonDate } from '../calendar/working-days';
import { DomainError } from '../errors';
import { decide } from '../roles/authorise';
import { ChairFormSchema, chairRecordClosed, validateChairForm, type ChairErrors, type ChairForm, type ChairRecord } from './chair-record';
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

/** A chair's record is theirs: another chair (the import moved the meeting to them) is refused, in words, audited. */
async function refuseOtherChairs(actorId: string, before: ChairRecord | undefined, ctx: MeetingContext, deps: ChairDeps): Promise<void> {
  if (before?.pnBy !== 'chair' || before.recordedBy === actorId) return;
  const name = (await deps.people.get(before.recordedBy))?.displayName ?? 'another chair';
  await deps.audit.append({ actorId, action: 'access.refused', recordType: 'child', recordId: ctx.child.ref, detail: { action: 'voice.chair', recordedBy: before.recordedBy } });
  throw new DomainError('FORBIDDEN', `${name} chaired this meeting and recorded how the child took part: only they can change it.`);
}

/** Opens the chair's card: what is on file for the meeting (a read of the child's data, so audited). */
export async function openChairRecord(input: { actorId: string; meetingId: string }, deps: ChairDeps): Promise<MeetingContext & { record?: ChairRecord }> {
  const ctx = await asChair(input.actorId, input.meetingId, deps);
  const record = await deps.chairRecords.get(input.meetingId);
  await deps.audit.append({ actorId: input.actorId, action: 'chair.read', recordType: 'meeting', recordId: input.meetingId, detail: { childRef: ctx.child.ref } });
  return { ...ctx, ...(record ? { record } : {}) };
}

export type ChairOutcome = { ok: true; record: ChairRecord; ctx: MeetingContext } | { ok: false; errors: ChairErrors; form: ChairForm; ctx: MeetingContext };

/** The chair records how the child took part, reg 36 and whether the plan changed; each problem is named beside its field, entries kept. */
export async function recordChair(input: { actorId: string; meetingId: string; form: unknown }, deps: ChairDeps): Promise<ChairOutcome> {
  const ctx = await asChair(input.actorId, input.meetingId, deps);
  const before = await deps.chairRecords.get(input.meetingId);
  await refuseOtherChairs(input.actorId, before, ctx, deps);
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
