import { z } from 'zod';
import type { Clock } from '../clock';
import { londonDate, londonInstant, type WorkingCalendar } from '../calendar/working-days';
import { DomainError } from '../errors';
import type { Person } from '../model/person';
import { decide, requireAllowed } from '../roles/authorise';
import type { AuditLog, Outbox } from '../ports';
import type { Forum } from './forum';
import { AttendanceSchema, ForumOutcomeSchema, OutcomePointSchema, type ForumOutcome } from './outcome';
import type { ForumOutcomeStore, ForumStore, PiiCheck, YouSaidTracker } from './ports';
import { dateInWords, occurrenceOn, previousOccurrences, timeInWords, type Occurrence } from './recurrence';

export const OUTCOME_FORBIDDEN = "Only this forum's facilitators or a participation officer can record what young people said.";
/** The facilitators are asked at this London time on the next working day after the meeting. */
export const ASK_TIME = '09:00';
/** Occurrences older than this are not asked about any more (chasing is the tracker's job). */
const ASK_WINDOW_DAYS = 14;

export const canRecordOutcome = (person: Person | undefined, forum: Forum): person is Person =>
  decide(person, 'forum.outcome', { facilitatorIds: forum.facilitatorIds }).allowed;

/** `canRecordOutcome`, throwing the rule's words, with the refusal audited. */
export async function requireOutcomeRecorder(person: Person | undefined, forum: Forum, audit: Pick<AuditLog, 'append'> | undefined): Promise<Person> {
  await requireAllowed(person, 'forum.outcome', { label: forum.id, recordType: 'forum', facilitatorIds: forum.facilitatorIds }, { audit });
  return person as Person;
}

export interface OutcomeDeps {
  forums: ForumStore;
  outcomes: ForumOutcomeStore;
  tracker: YouSaidTracker;
  piiCheck: PiiCheck;
  clock: Clock;
  audit?: AuditLog;
}

const PASSED = 'The due date has passed.';

export const RecordOutcomeSchema = z.object({
  forumId: z.string().min(1),
  originalDate: z.iso.date(),
  attendance: AttendanceSchema,
  points: z.array(OutcomePointSchema).max(20),
});
export type RecordOutcomeRequest = z.input<typeof RecordOutcomeSchema>;

/**
 * Records what young people said at one occurrence: each point asking for change becomes a
 * "You said" item with an owner and due date; attendance is kept as counts only.
 * Errors carry `details` keyed by field (`points.<i>.text`, ...) so the card can show them in place.
 */
export async function recordForumOutcome(deps: OutcomeDeps, actor: Person | undefined, input: RecordOutcomeRequest): Promise<ForumOutcome> {
  const parsed = RecordOutcomeSchema.safeParse(input);
  if (!parsed.success) {
    const details: Record<string, string[]> = {};
    for (const i of parsed.error.issues) (details[i.path.join('.')] ??= []).push(i.message);
    // Named now too, so one fix is enough (a wrong total would otherwise hide a passed due date until the next save).
    for (const [i, p] of (input.points ?? []).entries())
      if (p.kind === 'action' && typeof p.dueDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(p.dueDate) && p.dueDate < londonDate(deps.clock.now()))
        (details[`points.${i}.dueDate`] ??= []).push(PASSED);
    throw new DomainError('INVALID', 'Some entries need another look.', details);
  }
  const req = parsed.data;
  const forum = (await deps.forums.get(req.forumId))?.value;
  if (!forum) throw new DomainError('NOT_FOUND', 'That forum no longer exists.');
  const recorder = await requireOutcomeRecorder(actor, forum, deps.audit);
  const occurrence = occurrenceOn(forum, req.originalDate);
  if (!occurrence || occurrence.status === 'cancelled') throw new DomainError('NOT_FOUND', `${forum.name} did not meet on ${req.originalDate}.`);
  if (await deps.outcomes.get(forum.id, req.originalDate))
    throw new DomainError('CONFLICT', `What was said at ${forum.name} on ${dateInWords(occurrence.date)} is already recorded.`);

  // Everything is checked before anything is created, so a refusal leaves no half-made items.
  const details: Record<string, string[]> = {};
  for (const [i, p] of req.points.entries()) {
    const verdict = await deps.piiCheck(p.text);
    if (!verdict.ok) details[`points.${i}.text`] = [verdict.reason];
    if (p.kind === 'action' && p.dueDate < londonDate(deps.clock.now())) details[`points.${i}.dueDate`] = [PASSED];
  }
  if (Object.keys(details).length) throw new DomainError('INVALID', 'Some entries need another look.', details);

  const points = [];
  for (const p of req.points) {
    if (p.kind !== 'action') {
      points.push(p);
      continue;
    }
    const { id } = await deps.tracker.create({
      text: p.text,
      ownerId: p.ownerId,
      dueDate: p.dueDate,
      source: { kind: 'forum', forumId: forum.id, forumName: forum.name, occurrenceDate: occurrence.date },
      createdBy: recorder.id,
    });
    points.push({ ...p, trackerItemId: id });
  }
  const outcome = ForumOutcomeSchema.parse({
    forumId: forum.id,
    originalDate: req.originalDate,
    attendance: req.attendance,
    points,
    recordedBy: recorder.id,
    recordedAt: deps.clock.now().toISOString(),
  });
  await deps.outcomes.create(outcome);
  await deps.audit?.append({
    actorId: recorder.id,
    action: 'forum.outcome.recorded',
    recordType: 'forum',
    recordId: forum.id,
    detail: { originalDate: req.originalDate, attended: req.attendance.total, youSaidItems: points.filter((p) => p.kind === 'action').length },
  });
  return outcome;
}

/** What the "please record what young people said" card shows. */
export interface OutcomeRequestView {
  forumId: string;
  forumName: string;
  originalDate: string;
  dateWords: string;
  timeWords: string;
}

/** When facilitators are asked about an occurrence: 09:00 London on the next working day after it. */
export const askAt = (o: Pick<Occurrence, 'date'>, calendar: WorkingCalendar): Date =>
  londonInstant(calendar.addWorkingDays(o.date, 1), ASK_TIME);

/** Asks each facilitator (or, with none, the forum's creator) once, the next working day, to record outcomes not yet recorded. */
export async function askForOutcomes(
  deps: Pick<OutcomeDeps, 'forums' | 'outcomes' | 'clock'> & {
    outbox: Outbox;
    calendar: WorkingCalendar;
    renderRequest: (view: OutcomeRequestView) => Record<string, unknown>;
  },
): Promise<{ enqueued: number }> {
  const now = deps.clock.now();
  let enqueued = 0;
  for (const forum of await deps.forums.list()) {
    const recent = previousOccurrences(forum, now, 10, { skipCancelled: true }).filter(
      (o) => now.getTime() - o.start.getTime() <= ASK_WINDOW_DAYS * 86_400_000 && askAt(o, deps.calendar) <= now,
    );
    for (const o of recent) {
      if (await deps.outcomes.get(forum.id, o.originalDate)) continue;
      const view = { forumId: forum.id, forumName: forum.name, originalDate: o.originalDate, dateWords: dateInWords(o.date), timeWords: timeInWords(o.time) };
      // A forum with no facilitators named: ask whoever set it up, so no meeting goes unrecorded.
      for (const personId of forum.facilitatorIds.length ? forum.facilitatorIds : [forum.createdBy]) {
        const fresh = await deps.outbox.enqueue({
          dedupeKey: `forum-outcome-request:${forum.id}:${o.originalDate}:person:${personId}`,
          to: { kind: 'person', personId },
          kind: 'forum.outcome-request',
          card: deps.renderRequest(view),
          text: `What did young people say at ${forum.name} on ${view.dateWords}?`,
        });
        if (fresh) enqueued++;
      }
    }
  }
  return { enqueued };
}
