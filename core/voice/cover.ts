import { z } from 'zod';
import { londonDate, type IsoDate } from '../calendar/working-days';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { AuditLog, Outbox, PersonStore } from '../ports';
import { formatDay } from './nudge-view';

/** A worker's leave: nudges dated in [from, to] go to the cover colleague, copied to the worker. */
export const CoverSchema = z.object({
  workerId: z.string().min(1),
  coverId: z.string().min(1),
  from: z.iso.date(),
  to: z.iso.date(),
  setBy: z.string().min(1),
  setAt: z.iso.datetime(),
});
export type Cover = z.infer<typeof CoverSchema>;

export interface CoverStore {
  /** Every cover a worker has set (their own partition: a handful of rows). */
  listFor(workerId: string): Promise<Cover[]>;
  /** Every cover in force on `date`, whoever set it (the morning scan reads them once, not per worker). */
  listInForceOn?(date: IsoDate): Promise<Cover[]>;
  save(cover: Cover): Promise<void>;
  remove(cover: Pick<Cover, 'workerId' | 'from' | 'to' | 'coverId'>): Promise<void>;
}

/** Who covers this worker on this date, if anyone (the most recently set cover wins). */
export async function coverOn(workerId: string, date: IsoDate, covers: Pick<CoverStore, 'listFor'>): Promise<Cover | undefined> {
  return pickCover(await covers.listFor(workerId), date);
}

/** Of one worker's covers, the one in force on this date, if any (the most recently set wins). */
export const pickCover = (covers: readonly Cover[], date: IsoDate): Cover | undefined =>
  covers.filter((c) => c.from <= date && date <= c.to).sort((a, b) => b.setAt.localeCompare(a.setAt))[0];

export const CoverFormSchema = z.object({ coverId: z.string().optional(), from: z.string().optional(), to: z.string().optional() });
export type CoverForm = z.infer<typeof CoverFormSchema>;
export type CoverErrors = Partial<Record<keyof CoverForm, string>>;

const isDate = (s: string | undefined): s is string => Boolean(s && /^\d{4}-\d{2}-\d{2}$/.test(s));

/**
 * "cover": a worker going on leave names a colleague for a date range. Audited; the colleague is
 * told in 1:1 chat.
 */
export async function setCover(
  input: { actorId: string; form: CoverForm },
  deps: { covers: CoverStore; people: Pick<PersonStore, 'get'>; audit: AuditLog; outbox: Outbox; clock: Clock },
): Promise<{ ok: true; cover: Cover; coverName: string } | { ok: false; errors: CoverErrors }> {
  const today = londonDate(deps.clock.now());
  const errors: CoverErrors = {};
  const { coverId, from, to } = input.form;
  const colleague = coverId ? await deps.people.get(coverId) : undefined;
  if (!coverId) errors.coverId = 'Choose who will cover for you.';
  else if (coverId === input.actorId) errors.coverId = 'Choose a colleague, not yourself.';
  else if (!colleague) errors.coverId = "I couldn't find that person in the directory.";
  if (!isDate(from)) errors.from = 'Give the first day of your leave.';
  if (!isDate(to)) errors.to = 'Give the last day of your leave.';
  else if (to < today) errors.to = 'That date has passed.';
  else if (isDate(from) && to < from) errors.to = 'The last day must be on or after the first.';
  if (Object.keys(errors).length > 0 || !colleague || !isDate(from) || !isDate(to)) return { ok: false, errors };
  const me = await deps.people.get(input.actorId);
  if (!me) throw new DomainError('NOT_FOUND', "I couldn't find you in the directory.");
  const cover: Cover = { workerId: input.actorId, coverId: colleague.id, from, to, setBy: input.actorId, setAt: deps.clock.now().toISOString() };
  await deps.covers.save(cover);
  await deps.audit.append({ actorId: input.actorId, action: 'cover.set', recordType: 'person', recordId: input.actorId, at: cover.setAt, detail: { coverId: cover.coverId, from, to } });
  await deps.outbox.enqueue({
    dedupeKey: `cover:${cover.workerId}:${cover.coverId}:${from}:${to}`,
    to: { kind: 'person', personId: colleague.id },
    kind: 'cover.set',
    text: `${me.displayName} is on leave from ${formatDay(from)} to ${formatDay(to)} and has asked you to cover. During those days I'll send you the nudges for their children's meetings (they get a copy).`,
  });
  return { ok: true, cover, coverName: colleague.displayName };
}
