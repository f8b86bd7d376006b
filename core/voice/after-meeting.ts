import { DateTime } from 'luxon';
import { LONDON, londonDate, londonInstant, type IsoDate, type WorkingCalendar } from '../calendar/working-days';
import type { Clock } from '../clock';
import type { Child } from '../model/child';
import { isAssessment, meetingTypeLabel, type Meeting } from '../model/meeting';
import type { OutgoingMessage } from '../model/messaging';
import { pnCodeLabel } from '../model/participation';
import type { AuditLog, MeetingStore, Outbox, PersonStore, TeamStore } from '../ports';
import { authoriseForChild } from './authorise';
import { feedbackAudit, feedbackForm, raiseState, youSaidLinks } from './meeting-feedback';
import { asksFeedback, isCpConference, toldLabel, validateAfterMeeting, type AfterMeetingErrors, type AfterMeetingForm, type AfterMeetingRecord } from './after-meeting-record';
import { chairRecordClosed, validateChairForm, type ChairRecord } from './chair-record';
import { formatDay, nudgeItemView, type EscalationDigestView, type EscalationItemView } from './nudge-view';
import type { AfterMeetingStore, ChairRecordStore, ManagerDirectory, NudgeFact, NudgeStateStore } from './ports';
import { scheduleFor } from './schedule';
import type { VoiceSettings } from './settings';
import { mapLimit } from '../util';
import { enqueueAll, loadChildren, type ChildReader } from './batched';

type Card = Record<string, unknown>;

/** The after-meeting question for one meeting, as its card shows it. */
export interface AfterMeetingView {
  meetingId: string;
  child: string;
  type: string;
  when: string;
  cpConference: boolean;
  /** Feedback questions (child and parents): after every meeting, not an assessment. */
  asksFeedback: boolean;
  /** "What would have helped" saved and not yet a "You said" item: the card offers the one-press button. */
  canRaise: { child: boolean; parents: boolean };
  /** Already raised as "You said" items. */
  raised: { child: boolean; parents: boolean };
  answered: boolean;
  statusText: string;
  /** No chair has recorded how the child took part: the worker may (not for an assessment, which has no meeting). */
  asksCode: boolean;
  /** What the chair recorded, when they have ("" otherwise). */
  chairText: string;
  form: AfterMeetingForm;
  errors: AfterMeetingErrors;
  today: IsoDate;
  /** Said at the top after an action (a "You said" item raised). */
  notice?: string;
}

export interface AfterMeetingDeps {
  meetings: Pick<MeetingStore, 'get' | 'listStartingBetween'>;
  children: ChildReader;
  people: Pick<PersonStore, 'get'>;
  teams?: Pick<TeamStore, 'get'>;
  managers: ManagerDirectory;
  after: AfterMeetingStore;
  /** The chair's records (`chair|<meeting>`): where none is the chair's own, the worker is offered the PN code. */
  chairRecords?: ChairRecordStore;
  nudges: NudgeStateStore;
  outbox: Outbox;
  audit: AuditLog;
  clock: Clock;
  calendar: WorkingCalendar;
  settings: VoiceSettings;
  cards: { afterMeeting(view: AfterMeetingView): Card; escalationDigest(view: EscalationDigestView): Card };
}

/** How many calendar days back the after-meeting step looks (covers long weekends and outages). */
const LOOKBACK_DAYS = 14;
/** Working days an after-meeting question may stay unanswered before the manager sees it. */
const ANSWER_WITHIN = 2;

const statusText = (r: AfterMeetingRecord | undefined, today: IsoDate): string =>
  !r ? 'Not answered yet.'
  : r.told === 'planned' && r.plannedFor && r.plannedFor <= today ? `You planned to tell them on ${formatDay(r.plannedFor)}. Have they been told?`
  : r.told === 'planned' && r.plannedFor ? `Planned for ${formatDay(r.plannedFor)}.`
  : `Recorded: ${toldLabel[r.told].replace(' (say why)', '')}.`;

/** The worker records the PN code only where the chair has not (no chair uses the bot, or has not yet); never for an assessment. */
export const workerMayRecordCode = (meeting: Pick<Meeting, 'type'>, chair: ChairRecord | undefined): boolean =>
  !isAssessment(meeting.type) && chair?.pnBy !== 'chair';

export function afterMeetingView(o: { meeting: Meeting; child: Child; record?: AfterMeetingRecord; chair?: ChairRecord; today: IsoDate; settings: VoiceSettings; calendar: WorkingCalendar; form?: AfterMeetingForm; errors?: AfterMeetingErrors }): AfterMeetingView {
  const item = nudgeItemView({ meeting: o.meeting, child: o.child, schedule: scheduleFor(o.meeting, o.settings, o.calendar), today: o.today, settings: o.settings, calendar: o.calendar });
  const r = o.record;
  const c = o.chair;
  const codeForm = c?.pnBy === 'worker' ? { pnCode: c.pnCode, attended: c.attended ? 'yes' : 'no' } : {};
  return {
    meetingId: o.meeting.id,
    child: item.child,
    type: meetingTypeLabel[o.meeting.type],
    when: item.whenTitle === 'Meeting' ? item.when : `due ${item.when}`,
    cpConference: isCpConference(o.meeting),
    asksFeedback: asksFeedback(o.meeting),
    ...raiseState(r),
    answered: Boolean(r),
    statusText: statusText(r, o.today),
    asksCode: workerMayRecordCode(o.meeting, c) && !chairRecordClosed(o.meeting, o.today, o.calendar),
    chairText: c?.pnBy === 'chair' ? `The chair recorded how the child took part: ${c.pnCode}, ${pnCodeLabel[c.pnCode].toLowerCase()}.` : '',
    form: o.form ?? { ...(r ? { told: r.told, plannedFor: r.plannedFor, whyNot: r.whyNot, ...feedbackForm(r) } : {}), ...codeForm },
    errors: o.errors ?? {},
    today: o.today,
  };
}

/** The first day whose meetings the after-meeting questions look back to. */
export const afterMeetingLookbackFrom = (today: IsoDate): IsoDate => DateTime.fromISO(today, { zone: LONDON }).minus({ days: LOOKBACK_DAYS }).toISODate() as IsoDate;

/** The meetings the after-meeting questions look at, out of the morning's read: held in the lookback, not cancelled. */
export function heldMeetings(read: readonly Meeting[], today: IsoDate): Meeting[] {
  const [from, to] = [londonInstant(afterMeetingLookbackFrom(today)), londonInstant(today)];
  return read.filter((m) => m.status === 'scheduled' && new Date(m.start) >= from && new Date(m.start) < to);
}

/** The after-meeting facts of a meeting are filed by its own London date (their voice-by). */
export const heldOn = (m: Pick<Meeting, 'start'>): IsoDate => londonDate(new Date(m.start));

/**
 * One working day after each meeting, the worker is asked whether the child has been told what was
 * decided; an answer still missing two working days later goes to their manager. Part of the morning run.
 * `pre.read`: the meetings from the lookback's first day, already read by the caller (the morning scan reads both
 * windows at once); `pre.facts`: their facts, read with the coming meetings' state by date (else by meeting id).
 */
export async function runAfterMeetingScan(deps: AfterMeetingDeps, today: IsoDate, pre: { read?: readonly Meeting[]; facts?: Map<string, NudgeFact[]> } = {}): Promise<{ asked: number; escalated: number; followedUp: number }> {
  const followedUp = await followUpPlannedTellings(deps, today);
  const at = deps.clock.now().toISOString();
  const meetings = heldMeetings(pre.read ?? (await deps.meetings.listStartingBetween(londonInstant(afterMeetingLookbackFrom(today)), londonInstant(today))), today);
  // Only meetings a working day past are asked about.
  const past = meetings.filter((m) => deps.calendar.addWorkingDays(heldOn(m), 1) <= today);
  const facts = pre.facts ?? (await deps.nudges.listForMeetings(past.map((m) => m.id)));
  const mineOf = (m: Meeting): NudgeFact[] => (facts.get(m.id) ?? []).filter((f) => f.voiceBy === heldOn(m));
  // A meeting whose question is out and not yet late, or already sent to the manager, needs nothing this
  // morning: only the others' answers are read (by meeting id).
  const open = past.filter((m) => {
    const mine = mineOf(m);
    const ask = mine.find((f) => f.stage === 'after-ask');
    return !ask || (!mine.some((f) => f.stage === 'after-escalation') && deps.calendar.addWorkingDays(ask.on, ANSWER_WITHIN) <= today);
  });
  const records = await deps.after.getMany(open.map((m) => m.id));
  const pending = open.filter((m) => !records.has(m.id));
  // The chair's record (what the card offers) only for the questions still to be asked, beside their children,
  // and only where the meeting has a chair: no one else records a chair's record before the worker answers
  // (the worker's own PN code is saved with their answer, and a meeting with an answer is not asked about).
  const toAsk = pending.filter((m) => m.chairId && !mineOf(m).some((f) => f.stage === 'after-ask'));
  const [children, chairs] = await Promise.all([loadChildren(pending, deps.children), deps.chairRecords?.getMany(toAsk.map((m) => m.id))]);
  // The questions due are asked together: every card enqueued (a transaction per outbox shard where the
  // outbox can), then every fact recorded (100 to a transaction). A crash between the two asks again, and the
  // outbox's dedupe key sends each question once.
  const asks: { message: OutgoingMessage; fact: NudgeFact }[] = [];
  const late = new Map<string, { items: EscalationItemView[]; facts: NudgeFact[] }>();
  await mapLimit(pending, 8, async (meeting) => {
    const meetingDate = heldOn(meeting);
    const mine = mineOf(meeting);
    const ask = mine.find((f) => f.stage === 'after-ask');
    const child = children.get(meeting.childRef);
    if (!child) return;
    const fact = (stage: string, kind: NudgeFact['kind'], personId?: string): NudgeFact => ({ meetingId: meeting.id, stage, voiceBy: meetingDate, kind, on: today, at, ...(personId ? { personId } : {}) });
    if (!ask) {
      asks.push({
        message: {
          dedupeKey: `after:${meeting.id}:${meetingDate}`,
          to: { kind: 'person', personId: child.workerId },
          kind: 'after-meeting',
          card: deps.cards.afterMeeting(afterMeetingView({ meeting, child, chair: chairs?.get(meeting.id), today, settings: deps.settings, calendar: deps.calendar })),
        },
        fact: fact('after-ask', 'sent', child.workerId),
      });
      return;
    }
    if (mine.some((f) => f.stage === 'after-escalation') || deps.calendar.addWorkingDays(ask.on, ANSWER_WITHIN) > today) return;
    const managerId = await deps.managers.managerOf(child.workerId);
    if (!managerId) {
      await deps.audit.append({ actorId: 'system:nudge-scan', action: 'escalation.no-manager', recordType: 'meeting', recordId: meeting.id, at, detail: { workerId: child.workerId, about: 'after-meeting' } });
      await deps.nudges.record([fact('after-escalation', 'escalated')]);
      return;
    }
    const worker = await deps.people.get(child.workerId);
    const item = nudgeItemView({ meeting, child, schedule: scheduleFor(meeting, deps.settings, deps.calendar), today, settings: deps.settings, calendar: deps.calendar });
    const entry = late.get(managerId) ?? { items: [], facts: [] };
    entry.items.push({ ...item, statusText: 'Not yet answered: has the child been told what was decided?', workerId: child.workerId, workerName: worker?.displayName ?? 'A worker', reason: 'after-unanswered' });
    entry.facts.push(fact('after-escalation', 'escalated', managerId));
    late.set(managerId, entry);
  });
  await enqueueAll(asks.map((a) => a.message), deps.outbox);
  if (asks.length > 0) await deps.nudges.record(asks.map((a) => a.fact));
  const asked = asks.length;
  for (const [managerId, { items, facts: fs }] of late) {
    await deps.outbox.enqueue({
      dedupeKey: `after-escalation:${managerId}:${today}:${fs.map((f) => f.meetingId).sort().join(',').slice(0, 300)}`,
      to: { kind: 'person', personId: managerId },
      kind: 'escalation',
      card: deps.cards.escalationDigest({ managerId, date: today, items }),
    });
    for (const f of fs) await deps.audit.append({ actorId: 'system:nudge-scan', action: 'escalation.after-meeting', recordType: 'meeting', recordId: f.meetingId, at, detail: { managerId } });
    await deps.nudges.record(fs);
  }
  return { asked, escalated: [...late.values()].reduce((n, e) => n + e.items.length, 0), followedUp };
}

/**
 * "We'll tell them on <date>": on that date (or the first morning run after it) the child's worker gets the
 * after-meeting card again, asking whether the child has now been told. Once per answer; audited.
 */
async function followUpPlannedTellings(deps: AfterMeetingDeps, today: IsoDate): Promise<number> {
  const at = deps.clock.now().toISOString();
  const due = await deps.after.listPlannedUpTo(today);
  if (!due.length) return 0;
  const records = await deps.after.getMany(due.map((p) => p.meetingId));
  let sent = 0;
  await mapLimit(due, 8, async (p) => {
    const record = records.get(p.meetingId);
    const meeting = (await deps.meetings.get(p.meetingId))?.value;
    const child = meeting && (await deps.children.get(meeting.childRef))?.value;
    // Answered since (told, not appropriate, or a new date filed under that date), or the case has gone.
    const stillPlanned = record?.told === 'planned' && record.plannedFor === p.plannedFor;
    if (stillPlanned && meeting && child && meeting.status === 'scheduled') {
      await deps.outbox.enqueue({
        dedupeKey: `after-followup:${meeting.id}:${p.plannedFor}`,
        to: { kind: 'person', personId: child.workerId },
        kind: 'after-meeting',
        card: deps.cards.afterMeeting(afterMeetingView({ meeting, child, record, today, settings: deps.settings, calendar: deps.calendar })),
      });
      await deps.audit.append({ actorId: 'system:nudge-scan', action: 'after.followed-up', recordType: 'meeting', recordId: meeting.id, at, detail: { workerId: child.workerId, plannedFor: p.plannedFor } });
      sent++;
    }
    await deps.after.clearPlanned(p);
  });
  return sent;
}

/**
 * Records the after-meeting answer; refused for anyone but the worker, their manager or an admin; audited.
 * Where no chair has recorded how the child took part, the worker may give the PN code and attendance here:
 * checked as the chair's are (on or after the meeting day, PN1-PN4 attended, PN5-PN7 not, PN0 under 4) and
 * saved as the chair's record marked `pnBy: 'worker'`; the chair's own record, when it comes, replaces it.
 */
export async function recordAfterMeeting(
  input: { actorId: string; meetingId: string; form: AfterMeetingForm },
  deps: Pick<AfterMeetingDeps, 'meetings' | 'children' | 'people' | 'teams' | 'after' | 'chairRecords' | 'audit' | 'clock' | 'calendar'>,
): Promise<{ ok: true; record: AfterMeetingRecord; code?: ChairRecord } | { ok: false; errors: AfterMeetingErrors }> {
  const meeting = (await deps.meetings.get(input.meetingId))?.value;
  const child = meeting && (await deps.children.get(meeting.childRef))?.value;
  if (!meeting || !child) return { ok: false, errors: { told: 'That meeting is no longer in the case system import.' } };
  const role = await authoriseForChild(input.actorId, child, deps);
  const now = deps.clock.now();
  const today = londonDate(now);
  const checked = validateAfterMeeting(input.form, { meeting, today });
  const chair = await deps.chairRecords?.get(meeting.id);
  // The code is offered only where the chair has not recorded it, and only saved where the store is there.
  const givesCode = Boolean(deps.chairRecords) && workerMayRecordCode(meeting, chair) && Boolean(input.form.pnCode || input.form.attended);
  // The chair's rules of time hold for the worker standing in: named beside the field, the rest of the form kept.
  const closed = givesCode ? chairRecordClosed(meeting, today, deps.calendar) : undefined;
  const code = closed ? { ok: false as const, errors: { pnCode: closed.words } }
    : givesCode ? validateChairForm({ pnCode: input.form.pnCode, attended: input.form.attended }, { meeting, child, today, chairQuestions: false }) : undefined;
  if (!checked.ok || (code && !code.ok)) return { ok: false, errors: { ...(checked.ok ? {} : checked.errors), ...(code && !code.ok ? code.errors : {}) } };
  const before = await deps.after.get(meeting.id);
  const record: AfterMeetingRecord = { ...checked.value, ...youSaidLinks(before), meetingId: meeting.id, childRef: child.ref, recordedBy: input.actorId, recordedAt: now.toISOString() };
  const codeRecord: ChairRecord | undefined = code?.ok
    ? { meetingId: meeting.id, childRef: child.ref, pnCode: code.value.pnCode, attended: code.value.attended, pnBy: 'worker', recordedBy: input.actorId, recordedAt: record.recordedAt }
    : undefined;
  await deps.after.save(record);
  if (codeRecord) await deps.chairRecords!.save(codeRecord);
  await deps.audit.append({
    actorId: input.actorId, action: 'after.recorded', recordType: 'meeting', recordId: meeting.id, at: record.recordedAt,
    detail: {
      as: role, told: record.told, ...(record.plannedFor ? { plannedFor: record.plannedFor } : {}), ...feedbackAudit(record),
      ...(codeRecord ? { pnCode: codeRecord.pnCode, attended: codeRecord.attended, pnBy: 'worker' } : {}),
    },
  });
  return { ok: true, record, ...(codeRecord ? { code: codeRecord } : {}) };
}
