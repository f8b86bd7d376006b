// The morning run's batched reads and writes, shared by the nudge scan and the after-meeting questions: each
// uses the store's batch method where it has one (a partition or a transaction at a time), else a few at once.
import type { Child } from '../model/child';
import type { Meeting } from '../model/meeting';
import type { OutgoingMessage } from '../model/messaging';
import type { AuditLog, ChildStore, Outbox } from '../ports';
import { mapLimit } from '../util';

/** A child store that may read many children together (a partition at a time) rather than one by one. */
export type ChildReader = Pick<ChildStore, 'get'> & { getMany?(refs: readonly string[]): Promise<Map<string, Child>> };

/** Enqueues in order; in a few requests where the outbox can (enqueueMany), else 16 at a time. */
export async function enqueueAll(messages: readonly OutgoingMessage[], outbox: Outbox): Promise<boolean[]> {
  if (outbox.enqueueMany) return outbox.enqueueMany(messages);
  return mapLimit(messages, 16, (m) => outbox.enqueue(m));
}

export async function appendAll(entries: readonly Parameters<AuditLog['append']>[0][], audit: AuditLog): Promise<void> {
  if (audit.appendMany) return audit.appendMany(entries);
  await mapLimit(entries, 16, (e) => audit.append(e));
}

/** The children of these meetings, read together where the store can. */
export async function loadChildren(meetings: readonly Meeting[], children: ChildReader): Promise<Map<string, Child>> {
  const refs = [...new Set(meetings.map((m) => m.childRef))];
  if (children.getMany) return children.getMany(refs);
  const found = await mapLimit(refs, 16, async (ref) => (await children.get(ref))?.value);
  return new Map(found.filter((c): c is Child => Boolean(c)).map((c) => [c.ref, c]));
}
