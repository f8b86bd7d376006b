import { londonDate } from '../calendar/working-days';
import { DomainError } from '../errors';
import { decide } from '../roles/authorise';
import { ChairFormSchema, validateChairForm, type ChairErrors, type ChairForm, type ChairRecord } from './chair-record';
import { loadMeetingContext, type MeetingContext, type VoiceDeps } from './context';
import { feedbackAudit, youSaidLinks } from './meeting-feedback';
import { formatDay } from './nudge-view';
import type { ChairRecordStore } from './ports';

export type ChairDeps = Pick<VoiceDeps, 'meetings' | 'children' | 'people' | 'audit' | 'clock' | 'calendar' | 'settings'> & { chairRecords: ChairRecordStore };

/** How long after the meeting its chair may record or correct it: the IRO Handbook's 20 working days for the review's record. */
export const CHAIR_RECORD_WORKING_DAYS = 20;

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
  // Its own chair, but not now: refused in words, and the attempt audited like any refusal.
  const refuse = async (reason: string, words: string): Promise<never> => {
    await deps.audit.append({ actorId, action: 'access.refused', recordType: 'child', recordId: ctx.child.ref, detail: { action: 'voice.chair', meetingId, reason } });
    throw new DomainError('CONFLICT', words);
  };
  if (ctx.meeting.status === 'cancelled') await refuse('cancelled', `The case system says this meeting (${ctx.child.ref}) was cancelled: there is nothing to record for it.`);
  const meetingDay = londonDate(new Date(ctx.meeting.start));
  if (deps.calendar.workingDaysBetween(meetingDay, londonDate(deps.clock.now())) > CHAIR_RECORD_WORKING_DAYS) {
    await refuse('too late', `This meeting (${ctx.child.ref}, ${formatDay(meetingDay)}) was more than ${CHAIR_RECORD_WORKING_DAYS} working days ago, when its record was due: how the child took part can no longer be recorded or changed here. Record or correct it in the case system.`);
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
