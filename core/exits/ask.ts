import { DateTime } from 'luxon';
import { LONDON, londonDate, type IsoDate } from '../calendar/working-days';
import type { Clock } from '../clock';
import type { Child } from '../model/child';
import type { AuditLog, Outbox } from '../ports';
import { mapLimit } from '../util';
import { endingsOf, exitKeyOf, type ExitKey, type ExitRecord } from './exit';
import type { ExitStore } from './ports';
import type { ExitView } from './view';

/** Endings further back than this are not asked about: a first import of a council's history asks nobody. */
export const ASK_WITHIN_DAYS = 28;

export interface AskExitDeps {
  exits: ExitStore;
  outbox: Outbox;
  audit: Pick<AuditLog, 'append'>;
  clock: Clock;
  card(view: ExitView): Record<string, unknown>;
}

/**
 * After a children import: asks each worker once, by card, about the exit conversation of each ending in
 * the last ASK_WITHIN_DAYS (none in the future). The card goes first under the ending's dedupe key, then
 * the record: a run stopped between the two sends nothing twice, and the next import files the record.
 */
export async function askExitConversations(deps: AskExitDeps, children: readonly Child[]): Promise<number> {
  const now = deps.clock.now();
  const today = londonDate(now);
  const from = DateTime.fromISO(today, { zone: LONDON }).minus({ days: ASK_WITHIN_DAYS }).toISODate() as IsoDate;
  const wanted = children.flatMap((c) => endingsOf(c).filter((e) => e.endedOn >= from && e.endedOn <= today).map((e) => ({ e, c })));
  if (wanted.length === 0) return 0;
  const onFile = await deps.exits.getMany(wanted.map((w) => w.e));
  const fresh = wanted.filter((w) => !onFile.has(exitKeyOf(w.e)));
  const asked = await mapLimit(fresh, 8, async ({ e, c }) => askOne(deps, e, c, now.toISOString()));
  return asked.filter(Boolean).length;
}

async function askOne(deps: AskExitDeps, key: ExitKey, child: Child, at: string): Promise<boolean> {
  const id = exitKeyOf(key);
  const sent = await deps.outbox.enqueue({ dedupeKey: id, to: { kind: 'person', personId: child.workerId }, kind: 'exit-conversation', card: deps.card({ key }) });
  const record: ExitRecord = { ...key, workerId: child.workerId, teamId: child.teamId, askedAt: at, itemIds: [] };
  await deps.exits.save(record);
  if (sent) await deps.audit.append({ actorId: 'system:import', action: 'exit.asked', recordType: 'child', recordId: key.childRef, at, detail: { kind: key.kind, endedOn: key.endedOn, workerId: child.workerId } });
  return sent;
}
