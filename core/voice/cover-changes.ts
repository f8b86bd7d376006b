import { londonDate } from '../calendar/working-days';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { Person } from '../model/person';
import type { AuditLog, Outbox, PersonStore, TeamStore } from '../ports';
import { requireAllowed } from '../roles/authorise';
import type { Cover, CoverErrors, CoverForm, CoverStore } from './cover';
import { formatDay } from './nudge-view';

const isDate = (s: string | undefined): s is string => Boolean(s && /^\d{4}-\d{2}-\d{2}$/.test(s));
const daysBetween = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;

/** The card a worker's manager gets about a cover (cards/ builds it); with `approve`, a button to approve it. */
export interface CoverNoticeView {
  text: string;
  approve?: Pick<Cover, 'workerId' | 'coverId' | 'from' | 'to'>;
}

export interface CoverDeps {
  covers: CoverStore;
  people: Pick<PersonStore, 'get'>;
  teams?: Pick<TeamStore, 'get'>;
  audit: Pick<AuditLog, 'append'>;
  outbox: Outbox;
  clock: Clock;
  /** The longest cover, in calendar days (COVER_MAX_DAYS). */
  maxDays: number;
  coverNoticeCard(view: CoverNoticeView): Record<string, unknown>;
}

/** The worker's manager (their line manager, else their team's manager). */
async function managerOf(worker: Person, deps: Pick<CoverDeps, 'teams'>): Promise<string | undefined> {
  return worker.lineManagerId ?? (worker.teamId ? (await deps.teams?.get(worker.teamId))?.managerId : undefined);
}

/**
 * "cover": a worker going on leave names a colleague for at most `maxDays`. A colleague in their own
 * team covers at once; anyone else only once the worker's manager approves. The colleague is told in
 * 1:1 chat, the manager gets a card (with the approve button when needed), and it is audited.
 */
export async function setCover(
  input: { actorId: string; form: CoverForm },
  deps: CoverDeps,
): Promise<{ ok: true; cover: Cover; coverName: string } | { ok: false; errors: CoverErrors }> {
  const today = londonDate(deps.clock.now());
  const errors: CoverErrors = {};
  const { coverId, from, to } = input.form;
  const colleague = coverId ? await deps.people.get(coverId) : undefined;
  if (!coverId) errors.coverId = 'Choose who will cover for you.';
  else if (coverId === input.actorId) errors.coverId = 'Choose a colleague, not yourself.';
  else if (!colleague || colleague.goneOn) errors.coverId = "I couldn't find that person in the directory.";
  if (!isDate(from)) errors.from = 'Give the first day of your leave.';
  if (!isDate(to)) errors.to = 'Give the last day of your leave.';
  else if (to < today) errors.to = 'That date has passed.';
  else if (isDate(from) && to < from) errors.to = 'The last day must be on or after the first.';
  else if (isDate(from) && daysBetween(from, to) > deps.maxDays)
    errors.to = `Cover can last at most ${deps.maxDays} days. Choose an earlier last day, and set cover again when it ends.`;
  if (Object.keys(errors).length > 0 || !colleague || !isDate(from) || !isDate(to)) return { ok: false, errors };
  const me = await deps.people.get(input.actorId);
  if (!me) throw new DomainError('NOT_FOUND', "I couldn't find you in the directory.");
  const pending = !me.teamId || colleague.teamId !== me.teamId;
  const cover: Cover = { workerId: input.actorId, coverId: colleague.id, from, to, setBy: input.actorId, setAt: deps.clock.now().toISOString(), ...(pending ? { pending } : {}) };
  await deps.covers.save(cover);
  await deps.audit.append({ actorId: input.actorId, action: 'cover.set', recordType: 'person', recordId: input.actorId, at: cover.setAt, detail: { coverId: cover.coverId, from, to, pending } });
  const manager = await managerOf(me, deps);
  const when = `from ${formatDay(from)} to ${formatDay(to)}`;
  if (manager)
    await deps.outbox.enqueue({
      dedupeKey: `cover-manager:${cover.workerId}:${cover.coverId}:${from}:${to}`,
      to: { kind: 'person', personId: manager },
      kind: 'cover.set',
      card: deps.coverNoticeCard(
        pending
          ? { text: `${me.displayName} has asked ${colleague.displayName}, who is not in their team, to cover their children ${when}. The cover starts only once you approve it.`, approve: cover }
          : { text: `${me.displayName} has set ${colleague.displayName} to cover their children ${when}. ${colleague.displayName} will get their nudges and can record for their children on those days.` },
      ),
    });
  if (!pending) await tellColleague(me, cover, deps);
  return { ok: true, cover, coverName: colleague.displayName };
}

async function tellColleague(worker: Pick<Person, 'displayName'>, cover: Cover, deps: Pick<CoverDeps, 'outbox'>): Promise<void> {
  await deps.outbox.enqueue({
    dedupeKey: `cover:${cover.workerId}:${cover.coverId}:${cover.from}:${cover.to}`,
    to: { kind: 'person', personId: cover.coverId },
    kind: 'cover.set',
    text: `${worker.displayName} is on leave from ${formatDay(cover.from)} to ${formatDay(cover.to)} and has asked you to cover. During those days I'll send you the nudges for their children's meetings (they get a copy).`,
  });
}

const findCover = async (key: Pick<Cover, 'workerId' | 'coverId' | 'from' | 'to'>, deps: Pick<CoverDeps, 'covers'>) =>
  (await deps.covers.listFor(key.workerId)).find((c) => c.coverId === key.coverId && c.from === key.from && c.to === key.to);

const NO_COVER = 'That cover is no longer set.';

/** A manager approves a cover by someone outside the worker's team: it starts at once. Audited. */
export async function approveCover(input: { actorId: string; cover: Pick<Cover, 'workerId' | 'coverId' | 'from' | 'to'> }, deps: CoverDeps): Promise<{ text: string }> {
  const [actor, worker] = await Promise.all([deps.people.get(input.actorId), deps.people.get(input.cover.workerId)]);
  const team = worker?.teamId ? await deps.teams?.get(worker.teamId) : undefined;
  await requireAllowed(actor, 'cover.approve', { label: input.cover.workerId, recordType: 'person', lineManagerIds: [worker?.lineManagerId], teamManagerId: team?.managerId }, { audit: deps.audit, actorId: input.actorId });
  const cover = await findCover(input.cover, deps);
  if (!cover || !worker) throw new DomainError('NOT_FOUND', NO_COVER);
  const colleague = await deps.people.get(cover.coverId);
  if (!cover.pending) return { text: `Already approved: ${colleague?.displayName ?? 'the colleague'} covers ${worker.displayName} from ${formatDay(cover.from)} to ${formatDay(cover.to)}.` };
  const { pending: _p, ...rest } = cover;
  await deps.covers.save({ ...rest, approvedBy: input.actorId });
  await deps.audit.append({ actorId: input.actorId, action: 'cover.approved', recordType: 'person', recordId: cover.workerId, detail: { coverId: cover.coverId, from: cover.from, to: cover.to } });
  await tellColleague(worker, cover, deps);
  return { text: `Approved: ${colleague?.displayName ?? 'the colleague'} covers ${worker.displayName} from ${formatDay(cover.from)} to ${formatDay(cover.to)}.` };
}

/** The worker (or their manager, or an admin) ends a cover: access stops at once. Audited; the colleague is told. */
export async function endCover(input: { actorId: string; cover: Pick<Cover, 'workerId' | 'coverId' | 'from' | 'to'> }, deps: CoverDeps): Promise<void> {
  if (input.actorId !== input.cover.workerId) {
    const [actor, worker] = await Promise.all([deps.people.get(input.actorId), deps.people.get(input.cover.workerId)]);
    const team = worker?.teamId ? await deps.teams?.get(worker.teamId) : undefined;
    const subject = { label: input.cover.workerId, recordType: 'person', holderIds: [input.cover.workerId], lineManagerIds: [worker?.lineManagerId], teamManagerId: team?.managerId };
    await requireAllowed(actor, 'cover.end', subject, { audit: deps.audit, actorId: input.actorId });
  }
  const cover = await findCover(input.cover, deps);
  if (!cover) throw new DomainError('NOT_FOUND', NO_COVER);
  await deps.covers.remove(cover);
  await deps.audit.append({ actorId: input.actorId, action: 'cover.ended', recordType: 'person', recordId: cover.workerId, detail: { coverId: cover.coverId, from: cover.from, to: cover.to } });
  if (!cover.pending)
    await deps.outbox.enqueue({
      dedupeKey: `cover-ended:${cover.workerId}:${cover.coverId}:${cover.from}:${cover.to}:${deps.clock.now().toISOString()}`,
      to: { kind: 'person', personId: cover.coverId },
      kind: 'cover.set',
      text: `The cover you were asked to give from ${formatDay(cover.from)} to ${formatDay(cover.to)} has ended: you won't get those nudges any more.`,
    });
}
