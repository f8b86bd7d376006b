import type { WorkingCalendar } from '../../calendar/working-days';
import { londonDate } from '../../calendar/working-days';
import { recipientKey, type Recipient } from '../../model/messaging';
import type { Promise_ } from '../../model/promises';
import type { Outbox } from '../../ports';
import { computeCiccDigest, type CiccFacts } from './cicc';
import { gatedExample, hardToRead, SAFE_LINES, type HardItem } from './cicc-gate';
import { presentAudit, presentCicc, type AuditCardView, type CiccDigestView } from './cicc-view';
import type { ForumOccurrence, TextGuard } from '../ports';
import { forumDigestsDue } from '../forum-due';
import { postCards } from '../post-cards';

export interface CiccDigestDeps {
  facts: CiccFacts;
  calendar: WorkingCalendar;
  outbox: Outbox;
  promises: readonly Promise_[];
  guard: TextGuard;
  /** The CICC channel (core/channels audience 'cicc'), when mapped. */
  channelId: () => Promise<string | undefined>;
  /** The CICC's facilitators, who also get the digest 1:1. */
  facilitatorIds: () => Promise<readonly string[]>;
  renderDigest: (view: CiccDigestView) => object[];
  renderAudit: (view: AuditCardView) => object;
  /** The authenticated link to the printable page for an occurrence. */
  printUrl?: (occurrenceId: string) => string;
  /** Who is asked to reword an item the digest could not quote (a participation officer first), and the card that asks. */
  reword?: { to: () => Promise<readonly string[]>; render: (item: HardItem, meetingStart: string) => object };
  /** The card that asks an example's author to put its title in plainer words (only they can change it). */
  rewordExample?: (example: { id: string; title: string }, meetingStart: string) => object;
  /**
   * Records the feedback as given for the CICC's items the digest reported with their outcome
   * (core/tracker recordToldByDigest): the digest is how the CICC is told.
   */
  recordTold?: (o: { itemIds: readonly string[]; how: string; actorId: string; digest: string }) => Promise<{ told: readonly string[] }>;
}

/** A short stable hash of the item's words: a reworded item that still reads too hard is asked about again, an unchanged one never. */
const wordsKey = (i: HardItem) => {
  let h = 5381;
  for (const ch of `${i.youSaid}\u0000${i.outcome ?? ''}`) h = ((h * 33) ^ ch.charCodeAt(0)) >>> 0;
  return h.toString(36);
};

export interface CiccDigestSettings {
  /** Working days before the meeting (default 3). */
  workingDaysAhead?: number;
  hour?: number;
  /** Send for this occurrence now, whatever the date (admin trigger). */
  forceOccurrenceId?: string;
}

/** The London date the digest for a meeting goes out: N working days before the meeting's date. */
export const ciccSendDate = (occurrence: ForumOccurrence, calendar: WorkingCalendar, n: number): string =>
  calendar.addWorkingDays(londonDate(new Date(occurrence.start)), -n);

/** Sends the CICC digest and its audit card for each meeting whose send date has come (hourly-safe). */
export async function sendCiccDigests(deps: CiccDigestDeps, now: Date, settings: CiccDigestSettings = {}) {
  const due = await forumDigestsDue(deps.facts.forums, 'CICC', now, {
    calendar: deps.calendar,
    workingDaysAhead: settings.workingDaysAhead ?? 3,
    hour: settings.hour,
    forceOccurrenceId: settings.forceOccurrenceId,
  });
  const channelId = await deps.channelId();
  const people = await deps.facilitatorIds();
  const recipients: Recipient[] = [...(channelId ? [{ kind: 'channel' as const, channelId }] : []), ...people.map((personId) => ({ kind: 'person' as const, personId }))];
  let enqueued = 0;
  let rewordAsked = 0;
  const rewordTo = deps.reword && due.length ? (await deps.reword.to())[0] : undefined;
  let told = 0;
  for (const occurrence of due) {
    const digest = await computeCiccDigest(deps.facts, { occurrence, now, promises: deps.promises, guard: deps.guard });
    // The digest shows a safe line for each item too hard to read; one officer is asked, once per item and wording, to reword it.
    for (const item of rewordTo && deps.reword ? hardToRead(digest) : []) {
      const card = deps.reword!.render(item, occurrence.start) as Record<string, unknown>;
      if (await deps.outbox.enqueue({ dedupeKey: `cicc.reword:${item.id}:${wordsKey(item)}`, to: { kind: 'person', personId: rewordTo! }, kind: 'tracker.reword', card })) rewordAsked++;
    }
    // An example is quoted by its title; a title too hard to read shows a safe line, and its author (the one
    // person who can change it) is asked once per wording to put it in plainer words.
    for (const e of deps.rewordExample ? digest.examples.filter((x) => x.id && x.authorId && gatedExample(x.text) === SAFE_LINES.example) : []) {
      const card = deps.rewordExample!({ id: e.id!, title: e.text }, occurrence.start) as Record<string, unknown>;
      const key = `cicc.reword-example:${e.id}:${wordsKey({ id: e.id!, youSaid: e.text })}`;
      if (await deps.outbox.enqueue({ dedupeKey: key, to: { kind: 'person', personId: e.authorId! }, kind: 'example.reword', card })) rewordAsked++;
    }
    const cards = deps.renderDigest(presentCicc(digest, { printUrl: deps.printUrl?.(occurrence.id) }));
    const audit = deps.renderAudit(presentAudit(occurrence, deps.promises));
    let digestPosted = false;
    for (const to of recipients) {
      const kind = (i: number) => (i < cards.length ? 'digest.cicc' : 'digest.cicc-audit');
      const posted = await postCards(deps.outbox, { to, key: `digest.cicc:${occurrence.id}:${recipientKey(to)}`, kind, cards: [...cards, audit] });
      enqueued += posted.enqueued;
      if (posted.fresh.some((fresh, i) => fresh && i < cards.length)) digestPosted = true;
    }
    // Only the run that put this digest in the outbox tells: a later tick, whose digest may list more, sent nothing.
    if (digestPosted && digest.tellsIds.length && deps.recordTold)
      told += (await deps.recordTold({ itemIds: digest.tellsIds, how: `In the Children in Care Council digest for the meeting on ${londonDate(new Date(occurrence.start))}`, actorId: 'system:digest.cicc', digest: `digest.cicc:${occurrence.id}` })).told.length;
  }
  return { occurrences: due.map((o) => o.id), enqueued, rewordAsked, told };
}
