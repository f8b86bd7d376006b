import { DateTime } from 'luxon';
import { LONDON, londonDate, londonInstant, type IsoDate, type WorkingCalendar } from '../calendar/working-days';
import type { Clock } from '../clock';
import type { Child } from '../model/child';
import type { Meeting } from '../model/meeting';
import type { OutgoingMessage } from '../model/messaging';
import type { AuditLog, MeetingStore, Outbox, PersonStore } from '../ports';
import { nudgeItemView, type EscalationDigestView, type EscalationItemView, type NudgeDigestView, type NudgeItemView } from './nudge-view';
import type { AfterMeetingStore, ManagerDirectory, MeetingStateKey, MeetingVoiceReader, MeetingVoiceState, NudgeFact, NudgeStateStore, SentDigest, VoiceRecordStore } from './ports';
import { afterMeetingLookbackFrom, heldMeetings, heldOn, runAfterMeetingScan, type AfterMeetingView } from './after-meeting';
import { appendAll, enqueueAll, loadChildren, type ChildReader } from './batched';
import { chairAlertDue, sendChairAlerts, type ChairAlertView } from './chair-alert';
import { coverHolds, coverOn, pickCover, type Cover, type CoverStore } from './cover';
import { freshFrom, freshRecord } from './freshness';
import { scheduleFor, type MeetingSchedule } from './schedule';
import type { VoiceSettings } from './settings';
import { mapLimit, shortHash } from '../util';

type Card = Record<string, unknown>;

export interface ScanDeps {
  meetings: Pick<MeetingStore, 'listStartingBetween' | 'get'>;
  /** With getMany, the children are read together (a partition at a time) rather than one by one. */
  children: ChildReader;
  people: Pick<PersonStore, 'get'>;
  managers: ManagerDirectory;
  voice: Pick<VoiceRecordStore, 'getMany'>;
  nudges: NudgeStateStore;
  /** With it, the meetings' records and facts are read a range of days at a time, not one meeting at a time. */
  state?: MeetingVoiceReader;
  outbox: Outbox;
  audit: AuditLog;
  clock: Clock;
  calendar: WorkingCalendar;
  settings: VoiceSettings;
  /** Card builders (cards/ is outside core): view model in, card out. */
  cards: { nudgeDigest(view: NudgeDigestView): Card; escalationDigest(view: EscalationDigestView): Card; afterMeeting?(view: AfterMeetingView): Card; chairAlert?(view: ChairAlertView): Card };
  /** With it (and an afterMeeting card), the morning run also asks about meetings just held. */
  after?: AfterMeetingStore;
  /** With it, a worker on leave has their nudges sent to their cover, copied to them. */
  covers?: Pick<CoverStore, 'listFor' | 'listInForceOn'>;
}

export type ScanResult =
  | { ran: false; reason: 'not a working day' | 'before the morning slot' | 'already ran today' }
  | { ran: true; date: IsoDate; meetingsRead: number; nudges: number; digests: number; escalations: number; newlyEnqueued: number; afterAsked?: number; afterEscalated?: number; chairsAlerted?: number };

/** The dedupe key of one stage's nudge: a moved meeting (new voice-by date) gets fresh nudges. */
export const nudgeKey = (meetingId: string, stage: string, voiceBy: IsoDate): string => `nudge:${meetingId}:${stage}:${voiceBy}`;

/** Whether the morning run is due now: a working day in London, at or after the slot, not yet done. */
export async function morningRunDue(deps: Pick<ScanDeps, 'clock' | 'calendar' | 'settings' | 'nudges'>): Promise<ScanResult | IsoDate> {
  const now = deps.clock.now();
  const today = londonDate(now);
  if (!deps.calendar.isWorkingDay(today)) return { ran: false, reason: 'not a working day' };
  if (now < londonInstant(today, deps.settings.nudgeTime)) return { ran: false, reason: 'before the morning slot' };
  if (await deps.nudges.isRunDone(today)) return { ran: false, reason: 'already ran today' };
  return today;
}

interface Planned {
  meeting: Meeting;
  child: Child;
  schedule: MeetingSchedule;
  item: NudgeItemView;
  facts: NudgeFact[];
}

/**
 * The morning nudge scan. Reads only meetings in the coming window, sends each worker one card
 * listing the meetings due today, and escalates to managers what went unanswered. Crash-safe: a
 * card is enqueued (dedupe key over its content) before its facts are written, so a rerun either
 * finds the facts (and sends nothing) or re-enqueues the same card (which the outbox drops).
 */
export async function runNudgeScan(deps: ScanDeps, opts: { anyTime?: boolean } = {}): Promise<ScanResult> {
  const due = opts.anyTime ? londonDate(deps.clock.now()) : await morningRunDue(deps);
  if (typeof due !== 'string') return due;
  const today = due;
  const at = deps.clock.now().toISOString();
  const { calendar, settings } = deps;

  const end = DateTime.fromISO(calendar.addWorkingDays(today, settings.horizonWorkingDays), { zone: LONDON }).plus({ days: 1 }).toISODate() as IsoDate;
  // One read for the coming window and, where the after-meeting questions run, the days they look back over.
  const asksAfter = Boolean(deps.after && deps.cards.afterMeeting);
  const from = londonInstant(today);
  const read = await deps.meetings.listStartingBetween(asksAfter ? londonInstant(afterMeetingLookbackFrom(today)) : from, londonInstant(end));
  const meetings = read.filter((m) => m.status === 'scheduled' && new Date(m.start) >= from);
  // Schedules first (pure): the state is read by each meeting's voice-by date, a range of days at a time.
  const schedules = new Map(meetings.map((m) => [m.id, scheduleFor(m, settings, calendar)]));
  // Many meetings share a type and a start (luxon's zone arithmetic is the cost): each pair once.
  const freshFromOf = memo((m: Meeting) => `${m.type}|${m.start}`, (m) => freshFrom(m, settings));
  const keys: MeetingStateKey[] = meetings.map((m) => ({ id: m.id, voiceBy: schedules.get(m.id)!.voiceBy, freshFrom: freshFromOf(m) }));
  // The meetings just held, for the after-meeting questions: their facts are filed by the meeting's date, so
  // where the state is read by date they come in the same range query (no read per meeting).
  const held = asksAfter && deps.state ? heldMeetings(read, today) : [];
  const [{ records, facts: factsByMeeting }, children] = await Promise.all([readState([...keys, ...held.map((m) => ({ id: m.id, voiceBy: heldOn(m) }))], deps), loadChildren(meetings, deps.children)]);

  const nudges = new Map<string, Planned[]>();
  const escalations: Planned[] = [];
  const chairAlerts: Parameters<typeof sendChairAlerts>[0][number][] = [];
  for (const meeting of meetings) {
    const child = children.get(meeting.childRef);
    // A child the case system no longer lists (a snapshot import marked them gone): their open case has
    // closed, so nobody is nudged about their meetings, even before the meetings import cancels them.
    if (!child || child.goneOn) continue;
    // Views gathered too long before the meeting count as missing: the worker is nudged to ask again.
    if (freshRecord(records.get(meeting.id), meeting, settings)) continue;
    const schedule = schedules.get(meeting.id)!;
    // The chair hears once, 2 working days before, whatever the worker's nudges are doing.
    if (meeting.chairId && chairAlertDue(schedule, today, calendar)) {
      const record = records.get(meeting.id);
      chairAlerts.push({ meeting: { ...meeting, chairId: meeting.chairId }, child, schedule, ...(record ? { record } : {}) });
    }
    const facts = (factsByMeeting.get(meeting.id) ?? []).filter((f) => f.voiceBy === schedule.voiceBy);
    const plan = planMeeting(schedule, facts, today, child.workerId);
    const base = { meeting, child, schedule, item: nudgeItemView({ meeting, child, schedule, record: records.get(meeting.id), facts: facts.filter((f) => f.kind !== 'claimed-elsewhere' || f.personId === child.workerId), today, settings, calendar }) };
    const fact = (stage: string, kind: NudgeFact['kind'], personId?: string): NudgeFact => ({
      meetingId: meeting.id, stage, voiceBy: schedule.voiceBy, kind, on: today, at, ...(personId ? { personId } : {}),
    });
    if (plan.send) {
      const list = nudges.get(child.workerId) ?? [];
      list.push({ ...base, facts: [fact(plan.send, 'sent', child.workerId), ...plan.skip.map((s) => fact(s, 'skipped'))] });
      nudges.set(child.workerId, list);
    }
    if (plan.escalate) escalations.push({ ...base, facts: [fact('escalation', 'escalated')] });
  }

  // Four chains of writes with nothing in common (the workers' cards, the managers' escalations, the chairs'
  // alerts, the questions about meetings just held) go side by side; each keeps its own crash-safe order.
  const chairAlert = deps.cards.chairAlert;
  const afterMeeting = deps.cards.afterMeeting;
  const heldFacts = deps.state ? new Map(held.map((m) => [m.id, factsByMeeting.get(m.id) ?? []])) : undefined;
  // Each chain finishes what it can before a failure of another is thrown (nothing left writing after the run).
  const [nudged, escalated, chairsAlerted, after] = await allFinished([
    sendNudges(nudges, today, at, deps),
    sendEscalations(escalations, today, at, deps),
    chairAlert ? sendChairAlerts(chairAlerts, today, at, { ...deps, card: chairAlert }) : 0,
    deps.after && afterMeeting ? runAfterMeetingScan({ ...deps, after: deps.after, cards: { ...deps.cards, afterMeeting } }, today, { read, ...(heldFacts ? { facts: heldFacts } : {}) }) : undefined,
  ] as const);
  const newlyEnqueued = nudged + escalated + chairsAlerted;
  const summary = { ...(after ? { afterAsked: after.asked, afterEscalated: after.escalated, afterFollowedUp: after.followedUp } : {}), meetingsRead: meetings.length, nudges: [...nudges.values()].reduce((n, l) => n + l.length, 0), digests: nudges.size, escalations: escalations.length, chairsAlerted };
  if (!opts.anyTime) await deps.nudges.markRunDone(today, summary);
  return { ran: true, date: today, ...summary, newlyEnqueued };
}

/**
 * Each worker's card (and, for a worker on leave, their copy), then, once every card is in the outbox, their
 * audit entries and delivery records (side by side), then the facts (100 to a transaction where they share a
 * partition). A run that stops before the facts re-enqueues the same cards next time, which the outbox drops.
 */
async function sendNudges(nudges: Map<string, Planned[]>, today: IsoDate, at: string, deps: ScanDeps): Promise<number> {
  let newlyEnqueued = 0;
  const sentDigests: SentDigest[] = [];
  const coversToday = await coversOn(today, deps);
  // A few workers at once.
  const cards = await mapLimit([...nudges], 16, async ([workerId, planned]) => {
    const set = coversToday ? pickCover(coversToday.get(workerId) ?? [], today) : deps.covers ? await coverOn(workerId, today, deps.covers) : undefined;
    const [worker, colleague] = set ? await Promise.all([deps.people.get(workerId), deps.people.get(set.coverId)]) : [];
    // A colleague who has left, or moved out of the worker's team unapproved, no longer gets the worker's nudges.
    const cover = set && coverHolds(set, worker, colleague) ? set : undefined;
    const recipientId = cover?.coverId ?? workerId;
    const coverFor = cover ? (worker?.displayName ?? 'a colleague') : undefined;
    const view: NudgeDigestView = { recipientId, date: today, items: planned.map((p) => p.item), ...(coverFor ? { coverFor } : {}) };
    const keys = planned.flatMap((p) => p.facts.filter((f) => f.kind === 'sent').map((f) => nudgeKey(f.meetingId, f.stage, f.voiceBy)));
    const messageKey = `nudge-digest:${recipientId}:${today}:${shortHash(keys.sort().join(','))}`;
    const messages: OutgoingMessage[] = [{ dedupeKey: messageKey, to: { kind: 'person', personId: recipientId }, kind: 'nudge', card: deps.cards.nudgeDigest(view) }];
    // The worker on leave gets a copy, so nothing about their children happens without them knowing.
    if (cover) messages.push({ dedupeKey: `${messageKey}:copy:${workerId}`, to: { kind: 'person', personId: workerId }, kind: 'nudge.copy', card: deps.cards.nudgeDigest({ recipientId: workerId, date: today, items: view.items }) });
    return { workerId, planned, cover, recipientId, keys, messageKey, messages };
  });
  // Every card into the outbox first (a few transactions where the outbox can batch).
  const fresh = await enqueueAll(cards.flatMap((c) => c.messages), deps.outbox);
  const audits: Parameters<AuditLog['append']>[0][] = [];
  let next = 0;
  for (const { workerId, planned, cover, recipientId, keys, messageKey, messages } of cards) {
    const isNew = fresh[next]!;
    next += messages.length;
    if (isNew) newlyEnqueued++;
    if (cover) for (const p of planned) for (const f of p.facts) if (f.kind === 'sent') f.personId = recipientId;
    audits.push({
      actorId: 'system:nudge-scan', action: 'nudge.sent', recordType: 'person', recordId: workerId, at,
      detail: { date: today, nudges: keys, repeat: !isNew, ...(cover ? { coverId: cover.coverId } : {}) },
    });
    sentDigests.push({ date: today, recipientId, messageKey, meetingIds: planned.map((p) => p.meeting.id) });
  }
  await Promise.all([appendAll(audits, deps.audit), recordDigests(sentDigests, deps)]);
  await deps.nudges.record([...nudges.values()].flatMap((planned) => planned.flatMap((p) => p.facts)));
  return newlyEnqueued;
}

/** What one meeting needs this morning, from its schedule and what has already happened. */
export function planMeeting(schedule: MeetingSchedule, facts: readonly NudgeFact[], today: IsoDate, holderId?: string): { send?: string; skip: string[]; escalate: boolean } {
  const done = new Set(facts.map((f) => f.stage));
  const dueStages = schedule.stages.filter((s) => !done.has(s.id) && (s.due === undefined || s.due <= today)).map((s) => s.id);
  const snoozes = facts.filter((f) => f.kind === 'snoozed' && f.on <= today && !done.has(`reminder-${f.on}`)).map((f) => `reminder-${f.on}`);
  // Several stages due at once (a late import, an outage): send the latest, mark the rest skipped.
  const candidates = [...dueStages, ...snoozes];
  const send = candidates.length > 0 ? (dueStages.at(-1) ?? snoozes.at(-1)) : undefined;
  const skip = candidates.filter((s) => s !== send);
  // "Not my case" pauses nudges while the case still names the claimant; a confirmed or imported holder resumes them.
  if (facts.some((f) => f.kind === 'claimed-elsewhere' && (!holderId || f.personId === holderId))) return { skip: [], escalate: false };
  // The case moved to a new holder after someone else said "Not my case": the new holder has had none of the
  // nudges already sent, so they get one at once rather than wait for the next stage's day.
  const handover = holderId ? `handover-${holderId}` : undefined;
  const movedAfterClaim = handover && facts.some((f) => f.kind === 'claimed-elsewhere' && f.personId !== holderId);
  const started = schedule.stages.some((s) => done.has(s.id) || s.due === undefined || s.due <= today);
  if (movedAfterClaim && started && !done.has(handover) && !facts.some((f) => f.kind === 'sent' && f.personId === holderId)) {
    return { send: handover, skip: candidates, escalate: false };
  }

  const last = schedule.stages.at(-1);
  const lastDone = last && facts.find((f) => f.stage === last.id);
  const lastSent = facts.filter((f) => f.kind === 'sent').reduce<IsoDate | undefined>((m, f) => (!m || f.on > m ? f.on : m), undefined);
  // One working day unanswered after the last nudge, and never later than the voice-by date.
  const escalate = Boolean(lastDone && lastSent && lastSent < today && !done.has('escalation') && (dueStages.length === 0 && snoozes.length === 0 || schedule.voiceBy <= today));
  return { ...(send ? { send } : {}), skip, escalate };
}

/** Today's covers by worker in one read, where the store can; otherwise each worker's are read in turn. */
async function coversOn(today: IsoDate, deps: Pick<ScanDeps, 'covers'>): Promise<Map<string, Cover[]> | undefined> {
  if (!deps.covers?.listInForceOn) return undefined;
  const byWorker = new Map<string, Cover[]>();
  for (const c of await deps.covers.listInForceOn(today)) byWorker.set(c.workerId, [...(byWorker.get(c.workerId) ?? []), c]);
  return byWorker;
}

async function readState(keys: readonly MeetingStateKey[], deps: Pick<ScanDeps, 'voice' | 'nudges' | 'state'>): Promise<MeetingVoiceState> {
  if (deps.state) return deps.state.readForMeetings(keys);
  const ids = keys.map((k) => k.id);
  const [records, facts] = await Promise.all([deps.voice.getMany(ids), deps.nudges.listForMeetings(ids)]);
  return { records, facts };
}

/** Like Promise.all, but a failure is thrown only once every promise has settled (none left running). */
async function allFinished<T extends readonly unknown[]>(promises: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  await Promise.allSettled(promises);
  return Promise.all(promises);
}

function memo<T, R>(keyOf: (value: T) => string, fn: (value: T) => R): (value: T) => R {
  const seen = new Map<string, R>();
  return (value) => {
    const key = keyOf(value);
    if (!seen.has(key)) seen.set(key, fn(value));
    return seen.get(key)!;
  };
}

async function recordDigests(digests: readonly SentDigest[], deps: Pick<ScanDeps, 'nudges'>): Promise<void> {
  if (deps.nudges.recordDigests) return deps.nudges.recordDigests(digests);
  await mapLimit(digests, 16, (d) => deps.nudges.recordDigest(d));
}

async function sendEscalations(planned: readonly Planned[], today: IsoDate, at: string, deps: ScanDeps): Promise<number> {
  const byManager = new Map<string, { items: EscalationItemView[]; facts: NudgeFact[] }>();
  // Each worker's manager and name once, a few workers at once.
  const workerIds = [...new Set(planned.map((p) => p.child.workerId))];
  const looked = await mapLimit(workerIds, 16, (id) => Promise.all([deps.managers.managerOf(id), deps.people.get(id)]));
  const lookup = new Map(workerIds.map((id, i) => [id, looked[i]!] as const));
  for (const p of planned) {
    const workerId = p.child.workerId;
    const [managerId, worker] = lookup.get(workerId)!;
    const facts = p.facts.map((f) => ({ ...f, ...(managerId ? { personId: managerId } : {}) }));
    if (!managerId) {
      // Nobody to tell: say so in the audit trail rather than drop it silently.
      await deps.audit.append({ actorId: 'system:nudge-scan', action: 'escalation.no-manager', recordType: 'meeting', recordId: p.meeting.id, at, detail: { workerId } });
      await deps.nudges.record(facts);
      continue;
    }
    const entry = byManager.get(managerId) ?? { items: [], facts: [] };
    entry.items.push({ ...p.item, workerId, workerName: worker?.displayName ?? 'A worker', reason: 'unanswered' });
    entry.facts.push(...facts);
    byManager.set(managerId, entry);
  }
  let fresh = 0;
  await mapLimit([...byManager], 8, async ([managerId, { items, facts }]) => {
    const keys = facts.map((f) => `escalation:${f.meetingId}:${f.voiceBy}`).sort();
    const sent = await deps.outbox.enqueue({
      dedupeKey: `escalation-digest:${managerId}:${today}:${shortHash(keys.join(','))}`,
      to: { kind: 'person', personId: managerId },
      kind: 'escalation',
      card: deps.cards.escalationDigest({ managerId, date: today, items }),
    });
    if (sent) fresh++;
    await mapLimit(facts, 8, (f) =>
      deps.audit.append({ actorId: 'system:nudge-scan', action: 'escalation.sent', recordType: 'meeting', recordId: f.meetingId, at, detail: { managerId, voiceBy: f.voiceBy, reason: 'unanswered' } }),
    );
    await deps.nudges.record(facts);
  });
  return fresh;
}
