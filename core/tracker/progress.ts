import { z } from 'zod';
import { londonDate } from '../calendar/working-days';
import { DomainError } from '../errors';
import type { Person } from '../model/person';
import { generalTermsProblem } from '../pii/general-terms';
import type { ReadingCheck } from '../digests/text/reading-gate';
import type { PiiFinding } from '../pii/kinds';
import { authorise } from './authorise';
import type { FieldErrors } from '../errors';
import type { TrackerDeps } from './deps';
import { IsoDateSchema, isActive, SaidBySchema, type TrackerItem } from './item';
import { hardFields, needsRewording } from './reading';
import { forumIdProblem, ownerIdProblem } from './raise';
import { fieldErrors } from './validate';

/** What the owner submits from "my actions": an outcome, and whether the children have been told. */
export const ProgressInputSchema = z
  .object({
    outcome: z.enum(['done', 'not_possible'], { message: 'Please choose done or not possible.' }),
    weDid: z.string().trim().max(1000, 'Please keep this under 1000 characters.').optional(),
    why: z.string().trim().max(1000, 'Please keep this under 1000 characters.').optional(),
    feedbackGiven: z.boolean().default(false),
    feedbackOn: IsoDateSchema.optional(),
    feedbackHow: z.string().trim().max(300, 'Please keep this under 300 characters.').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'done' && (v.weDid ?? '').length < 3)
      ctx.addIssue({ code: 'custom', path: ['weDid'], message: 'Please say what changed ("We did").' });
    if (v.outcome === 'not_possible' && (v.why ?? '').length < 3)
      ctx.addIssue({ code: 'custom', path: ['why'], message: 'Please say why it was not possible: the children are told why too.' });
    if (v.feedbackGiven && (v.feedbackHow ?? '').length < 3)
      ctx.addIssue({ code: 'custom', path: ['feedbackHow'], message: 'Please say how the child or group was told.' });
  });
export type ProgressInput = z.input<typeof ProgressInputSchema>;

export type ProgressResult =
  | { kind: 'invalid'; errors: FieldErrors }
  | { kind: 'pii'; findings: Record<string, PiiFinding[]> }
  /** Shareable, but young people would find it hard to read: rewrite it, or save it anyway (marked for rewording). */
  | { kind: 'hard'; reading: Record<string, ReadingCheck> }
  | { kind: 'updated'; item: TrackerItem };

async function load(deps: TrackerDeps, id: string) {
  const got = await deps.items.get(id);
  if (!got) throw new DomainError('NOT_FOUND', 'That action was not found.');
  return got;
}

const holders = (i: TrackerItem) => ({ authorId: i.raisedById, ownerId: i.ownerId, teamId: i.teamId, id: i.id });

/**
 * Records "We did" (or why not) and, when given, the feedback to the children. The item closes only
 * once that feedback is recorded (Lundy's Influence); until then it waits for it.
 */
export async function recordProgress(
  deps: TrackerDeps,
  o: { actor: Person; id: string; input: unknown; keepInternal?: boolean; saveAnyway?: boolean },
): Promise<ProgressResult> {
  const { value: item, etag } = await load(deps, o.id);
  await authorise(o.actor, holders(item), 'update', deps);
  if (!isActive(item)) throw new DomainError('CONFLICT', 'This action is already closed.');
  const parsed = ProgressInputSchema.safeParse(o.input);
  if (!parsed.success) return { kind: 'invalid', errors: fieldErrors(parsed.error) };
  const v = parsed.data;
  const text = v.outcome === 'done' ? (v.weDid as string) : (v.why as string);
  const findings = [...deps.pii(text), ...(v.feedbackHow ? deps.pii(v.feedbackHow) : [])];
  if (findings.length && !o.keepInternal) return { kind: 'pii', findings: { [v.outcome === 'done' ? 'weDid' : 'why']: findings } };
  const hard = item.shareable && !findings.length ? hardFields({ [v.outcome === 'done' ? 'weDid' : 'why']: text }) : {};
  if (Object.keys(hard).length && !o.saveAnyway) return { kind: 'hard', reading: hard };

  const now = deps.clock.now();
  const at = now.toISOString();
  const today = londonDate(now);
  const next: TrackerItem = {
    ...item,
    outcome: v.outcome === 'done' ? { kind: 'done', weDid: text } : { kind: 'not_possible', why: text },
    outcomeAt: at,
    shareable: item.shareable && findings.length === 0,
    updatedAt: at,
    status: 'awaiting_feedback',
  };
  next.needsRewording = needsRewording(next);
  if (v.feedbackGiven) Object.assign(next, closeWith(v.feedbackOn ?? today, v.feedbackHow as string, now));
  await deps.items.update(next, etag);
  await deps.audit.append({
    actorId: o.actor.id,
    action: `tracker.${v.outcome}`,
    recordType: 'tracker-item',
    recordId: item.id,
    at,
    detail: { status: next.status, feedbackGiven: v.feedbackGiven, shareable: next.shareable, needsRewording: next.needsRewording },
  });
  return { kind: 'updated', item: next };
}

const closeWith = (givenOn: string, how: string, now: Date): Partial<TrackerItem> => ({
  feedback: { givenOn, how },
  status: 'closed',
  closedAt: now.toISOString(),
  closedOn: londonDate(now),
});

export const FeedbackInputSchema = z.object({
  feedbackOn: IsoDateSchema.optional(),
  feedbackHow: z.string({ message: 'Please say how the child or group was told.' }).trim().min(3, 'Please say how the child or group was told.').max(300),
});

/** Records that the child or group was told the outcome: the step that closes an item. */
export async function recordFeedback(
  deps: TrackerDeps,
  o: { actor: Person; id: string; input: unknown },
): Promise<ProgressResult> {
  const { value: item, etag } = await load(deps, o.id);
  await authorise(o.actor, holders(item), 'update', deps);
  if (item.status !== 'awaiting_feedback') throw new DomainError('CONFLICT', 'Record what happened before recording the feedback.');
  const parsed = FeedbackInputSchema.safeParse(o.input);
  if (!parsed.success) return { kind: 'invalid', errors: fieldErrors(parsed.error) };
  const now = deps.clock.now();
  const next = { ...item, ...closeWith(parsed.data.feedbackOn ?? londonDate(now), parsed.data.feedbackHow, now), updatedAt: now.toISOString() };
  await deps.items.update(next, etag);
  await deps.audit.append({ actorId: o.actor.id, action: 'tracker.feedback_given', recordType: 'tracker-item', recordId: item.id, at: next.updatedAt, detail: { givenOn: next.feedback?.givenOn } });
  return { kind: 'updated', item: next };
}

export const EditItemInputSchema = z.object({
  saidBy: z.enum(SaidBySchema.options, { message: 'Please choose who said it.' }).optional(),
  forumId: z.string().max(64).optional(),
  youSaid: z.string().trim().min(3, 'Please say what was asked for, in general terms.').max(500).optional(),
  ownerId: z.string().min(1).optional(),
  dueDate: IsoDateSchema.optional(),
});

/** The author (or an admin) corrects an item; the audit keeps what it said before. */
export async function editItem(
  deps: TrackerDeps,
  o: { actor: Person; id: string; input: unknown; keepInternal?: boolean; saveAnyway?: boolean; forumIds?: readonly string[] },
): Promise<ProgressResult> {
  const { value: item, etag } = await load(deps, o.id);
  await authorise(o.actor, holders(item), 'edit', deps);
  if (!isActive(item)) throw new DomainError('CONFLICT', 'A closed or withdrawn action cannot be changed.');
  const parsed = EditItemInputSchema.safeParse(o.input);
  if (!parsed.success) return { kind: 'invalid', errors: fieldErrors(parsed.error) };
  // A field left out (or blank) keeps its value.
  for (const k of Object.keys(parsed.data) as (keyof typeof parsed.data)[]) if (parsed.data[k] === undefined) delete parsed.data[k];
  const general = parsed.data.youSaid ? generalTermsProblem(parsed.data.youSaid) : undefined;
  if (general) return { kind: 'invalid', errors: { youSaid: general } };
  const saidBy = parsed.data.saidBy ?? item.saidBy;
  const forumProblem = forumIdProblem(saidBy, parsed.data.forumId ?? item.forumId, o.forumIds);
  if (forumProblem) return { kind: 'invalid', errors: { forumId: forumProblem } };
  const ownerProblem = parsed.data.ownerId && parsed.data.ownerId !== item.ownerId ? await ownerIdProblem(parsed.data.ownerId, deps.people) : undefined;
  if (ownerProblem) return { kind: 'invalid', errors: { ownerId: ownerProblem } };
  const findings = parsed.data.youSaid ? deps.pii(parsed.data.youSaid) : [];
  if (findings.length && !o.keepInternal) return { kind: 'pii', findings: { youSaid: findings } };
  const hard = parsed.data.youSaid && parsed.data.youSaid !== item.youSaid && !findings.length ? hardFields({ youSaid: parsed.data.youSaid }) : {};
  if (Object.keys(hard).length && !o.saveAnyway) return { kind: 'hard', reading: hard };
  const at = deps.clock.now().toISOString();
  const next: TrackerItem = { ...item, ...parsed.data, updatedAt: at };
  if (saidBy !== 'forum') delete next.forumId; // a child or a group names no forum
  if (parsed.data.youSaid) next.shareable = findings.length === 0;
  next.needsRewording = needsRewording(next);
  if (parsed.data.dueDate && parsed.data.dueDate !== item.dueDate) {
    delete next.remindedAt; // a new due date earns a new reminder
    delete next.overdueNudgedAt;
  }
  const before = Object.fromEntries(Object.keys(parsed.data).map((k) => [k, item[k as keyof TrackerItem]]));
  await deps.items.update(next, etag);
  await deps.audit.append({ actorId: o.actor.id, action: 'tracker.edited', recordType: 'tracker-item', recordId: item.id, at, detail: { before, after: parsed.data } });
  return { kind: 'updated', item: next };
}

/** The author (or an admin) withdraws an item raised in error; it stays in the audit trail. */
export async function withdrawItem(deps: TrackerDeps, o: { actor: Person; id: string; reason?: string }): Promise<TrackerItem> {
  const { value: item, etag } = await load(deps, o.id);
  await authorise(o.actor, holders(item), 'edit', deps);
  if (item.status === 'withdrawn') return item;
  const now = deps.clock.now();
  const at = now.toISOString();
  const next: TrackerItem = { ...item, status: 'withdrawn', withdrawnAt: at, withdrawnOn: londonDate(now), updatedAt: at };
  await deps.items.update(next, etag);
  await deps.audit.append({ actorId: o.actor.id, action: 'tracker.withdrawn', recordType: 'tracker-item', recordId: item.id, at, detail: { reason: o.reason ?? '', previousStatus: item.status } });
  return next;
}
