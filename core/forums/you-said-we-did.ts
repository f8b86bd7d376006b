import { shiftDate } from '../digests/period';
import { DomainError } from '../errors';
import type { Person } from '../model/person';
import type { AuditLog } from '../ports';
import { requireAllowed } from '../roles/authorise';
import type { Forum } from './forum';
import type { ForumStore, PiiCheck, YouSaidTracker } from './ports';
import { dateInWords, occurrenceOn, previousOccurrences, type Occurrence } from './recurrence';

/** One forum's "You said, we did" before a meeting: what is still open, and what was done (or not, and why). */
export interface YouSaidWeDid {
  open: { text: string; dueWords: string }[];
  done: { text: string; result: string; notPossible: boolean }[];
}

/** Families' and care leavers' forums also get it printed: their members are rarely in the council's Teams. */
export const PRINTABLE_FORUM_TYPES: readonly Forum['type'][] = ['CARE_LEAVER', 'SERVICE_USER'];

/** Where "You said, we did" for a meeting starts: the forum's previous meeting (or 90 days before). */
export function youSaidWeDidSince(forum: Forum, occurrence: Pick<Occurrence, 'date' | 'start'>): string {
  return previousOccurrences(forum, occurrence.start, 1, { skipCancelled: true })[0]?.date ?? shiftDate(occurrence.date, -90);
}

/**
 * The forum's own items for one meeting: open ones raised at earlier meetings, and those with an outcome
 * (not yet told, or told since it last met). `all` is for facilitators; `shareable` keeps only the items
 * whose every text passes the PII guard (a channel, a printed page), and says how many it left out.
 */
export async function forumYouSaidWeDid(
  deps: { tracker: Pick<YouSaidTracker, 'listOpenForForum' | 'listDoneForForum'>; piiCheck: PiiCheck },
  forum: Forum,
  occurrence: Pick<Occurrence, 'date' | 'start'>,
): Promise<{ all: YouSaidWeDid; shareable: YouSaidWeDid; withheld: { open: number; done: number } }> {
  const open = (await deps.tracker.listOpenForForum(forum.id))
    .filter((i) => !i.occurrenceDate || i.occurrenceDate < occurrence.date)
    .map((i) => ({ text: i.text, dueWords: dateInWords(i.dueDate) }));
  const done = (await deps.tracker.listDoneForForum(forum.id, youSaidWeDidSince(forum, occurrence))).map((d) => ({
    text: d.text,
    result: d.result,
    notPossible: d.outcome === 'not_possible',
  }));
  const clean = async (...texts: string[]) => (await Promise.all(texts.map(async (t) => (await deps.piiCheck(t)).ok))).every(Boolean);
  const safeOpen: YouSaidWeDid['open'] = [];
  for (const p of open) if (await clean(p.text)) safeOpen.push(p);
  const safeDone: YouSaidWeDid['done'] = [];
  for (const d of done) if (await clean(d.text, d.result)) safeDone.push(d);
  return {
    all: { open, done },
    shareable: { open: safeOpen, done: safeDone },
    withheld: { open: open.length - safeOpen.length, done: done.length - safeDone.length },
  };
}

/**
 * A fresh link to a forum meeting's printable "You said, we did", for its facilitators, participation
 * officers and admins (refusals audited). Links last an hour, so the card's button makes a new one each time.
 */
export async function printableYouSaidWeDid(
  deps: { forums: Pick<ForumStore, 'get'>; audit?: Pick<AuditLog, 'append'>; printableLink?: (forumId: string, originalDate: string) => string },
  actor: Person | undefined,
  req: { forumId: string; originalDate: string },
): Promise<{ forum: Forum; dateWords: string; url: string }> {
  const forum = (await deps.forums.get(req.forumId))?.value;
  if (!forum) throw new DomainError('NOT_FOUND', 'That forum no longer exists.');
  await requireAllowed(actor, 'forum.printable', { label: forum.id, recordType: 'forum', facilitatorIds: forum.facilitatorIds }, { audit: deps.audit });
  if (!PRINTABLE_FORUM_TYPES.includes(forum.type)) throw new DomainError('CONFLICT', `${forum.name} has no printable "You said, we did": it is for families' and care leavers' forums.`);
  const occurrence = occurrenceOn(forum, req.originalDate);
  if (!occurrence) throw new DomainError('NOT_FOUND', `${forum.name} does not meet on ${dateInWords(req.originalDate)}.`);
  if (!deps.printableLink) throw new DomainError('CONFLICT', 'Printable pages are not set up here.');
  return { forum, dateWords: dateInWords(occurrence.date), url: deps.printableLink(forum.id, req.originalDate) };
}
