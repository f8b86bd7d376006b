import { z } from 'zod';
import { londonDate } from '../calendar/working-days';
import type { Person } from '../model/person';
import { generalTermsProblem } from '../pii/general-terms';
import type { ReadingCheck } from '../digests/text/reading-gate';
import type { PiiFinding } from '../pii/kinds';
import type { FieldErrors } from '../errors';
import type { TrackerDeps } from './deps';
import { IsoDateSchema, SaidBySchema, type ItemSource, type TrackerItem } from './item';
import { hardFields, needsRewording } from './reading';
import { fieldErrors } from './validate';

export const RaiseInputSchema = z.object({
  youSaid: z
    .string({ message: 'Please say what was asked for, in general terms.' })
    .trim()
    .min(3, 'Please say what was asked for, in general terms.')
    .max(500, 'Please keep this under 500 characters.'),
  saidBy: z.enum(SaidBySchema.options, { message: 'Please choose who said it.' }),
  forumId: z.string().max(64).optional(),
  ownerId: z.string({ message: 'Please choose who owns the action.' }).min(1, 'Please choose who owns the action.'),
  dueDate: IsoDateSchema,
  teamId: z.string().optional(),
});
export type RaiseInput = z.input<typeof RaiseInputSchema>;

export type RaiseResult =
  | { kind: 'invalid'; errors: FieldErrors }
  | { kind: 'pii'; findings: Record<string, PiiFinding[]> }
  /** Shareable, but young people would find it hard to read: rewrite it, or save it anyway (marked for rewording). */
  | { kind: 'hard'; reading: Record<string, ReadingCheck> }
  | { kind: 'raised'; item: TrackerItem };

/**
 * Raises a "You said" item. The text must be in general terms; if the guard finds identifying
 * details the worker rewrites it, or keeps it internal (never quoted in a channel).
 */
export async function raiseItem(
  deps: TrackerDeps,
  o: { actor: Person; input: unknown; source: ItemSource; keepInternal?: boolean; saveAnyway?: boolean; forumIds?: readonly string[] },
): Promise<RaiseResult> {
  const parsed = RaiseInputSchema.safeParse(o.input);
  const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
  const now = deps.clock.now();
  const today = londonDate(now);
  if (parsed.success && parsed.data.dueDate < today) errors.dueDate = 'The due date has passed: please choose today or later.';
  const general = parsed.success ? generalTermsProblem(parsed.data.youSaid) : undefined;
  if (general) errors.youSaid = general;
  const forumProblem = parsed.success ? forumIdProblem(parsed.data.saidBy, parsed.data.forumId, o.forumIds) : undefined;
  if (forumProblem) errors.forumId = forumProblem;
  const ownerProblem = parsed.success ? await ownerIdProblem(parsed.data.ownerId, deps.people) : undefined;
  if (ownerProblem) errors.ownerId = ownerProblem;
  if (!parsed.success || Object.keys(errors).length) return { kind: 'invalid', errors };

  const findings = deps.pii(parsed.data.youSaid);
  if (findings.length && !o.keepInternal) return { kind: 'pii', findings: { youSaid: findings } };
  const hard = findings.length ? {} : hardFields({ youSaid: parsed.data.youSaid });
  if (Object.keys(hard).length && !o.saveAnyway) return { kind: 'hard', reading: hard };

  const at = now.toISOString();
  const item: TrackerItem = {
    id: deps.newId(),
    youSaid: parsed.data.youSaid,
    saidBy: parsed.data.saidBy,
    ...(parsed.data.saidBy === 'forum' && parsed.data.forumId ? { forumId: parsed.data.forumId } : {}),
    source: o.source,
    raisedById: o.actor.id,
    raisedAt: at,
    raisedOn: today,
    ownerId: parsed.data.ownerId,
    teamId: parsed.data.teamId ?? o.actor.teamId,
    dueDate: parsed.data.dueDate,
    status: 'open',
    shareable: findings.length === 0,
    updatedAt: at,
  };
  if (needsRewording(item)) item.needsRewording = true;
  await deps.items.create(item);
  await deps.audit.append({
    actorId: o.actor.id,
    action: 'tracker.raised',
    recordType: 'tracker-item',
    recordId: item.id,
    at,
    detail: { source: item.source.kind, saidBy: item.saidBy, forumId: item.forumId, ownerId: item.ownerId, dueDate: item.dueDate, shareable: item.shareable, needsRewording: !!item.needsRewording, piiKinds: [...new Set(findings.map((f) => f.kind))] },
  });
  return { kind: 'raised', item };
}

/**
 * With the council's forums to choose from (`forumIds`), a forum's "You said" must name one of them, so
 * each forum hears back about its own items; a child's or a group's names none.
 */
export function forumIdProblem(saidBy: string, forumId: string | undefined, forumIds: readonly string[] | undefined): string | undefined {
  if (saidBy !== 'forum' || !forumIds?.length) return undefined;
  if (!forumId) return 'Please choose which forum said it.';
  return forumIds.includes(forumId) ? undefined : 'That forum is not set up any more: please choose another.';
}

/**
 * An action's owner must be on the staff list now: card data can name any id, and an action owned by someone
 * unknown, or by a leaver, would never be reminded or followed up by anyone.
 */
export async function ownerIdProblem(ownerId: string, people: TrackerDeps['people']): Promise<string | undefined> {
  const owner = await people.get(ownerId);
  return owner && !owner.goneOn ? undefined : "That person is not on Golden Thread's staff list: please choose someone who is.";
}
