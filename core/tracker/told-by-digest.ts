import { londonDate } from '../calendar/working-days';
import { DomainError } from '../errors';
import type { TrackerDeps } from './deps';

/**
 * A digest that tells an audience what happened is the feedback to them (Lundy's Influence): each item it
 * reported with an outcome and still waiting for feedback is closed as told. Idempotent: an item already
 * closed (or changed meanwhile) is left as it is, so a rerun records nothing twice. Each one is audited.
 */
export async function recordToldByDigest(
  deps: Pick<TrackerDeps, 'items' | 'audit' | 'clock'>,
  o: { itemIds: readonly string[]; how: string; actorId: string; digest: string },
): Promise<{ told: string[] }> {
  const told: string[] = [];
  for (const id of new Set(o.itemIds)) {
    const got = await deps.items.get(id);
    if (!got || got.value.status !== 'awaiting_feedback') continue;
    const now = deps.clock.now();
    const at = now.toISOString();
    const item = got.value;
    try {
      await deps.items.update(
        { ...item, feedback: { givenOn: londonDate(now), how: o.how }, status: 'closed', closedAt: at, closedOn: londonDate(now), updatedAt: at },
        got.etag,
      );
    } catch (err) {
      // Someone recorded it at the same moment: theirs stands.
      if (err instanceof DomainError && err.code === 'CONFLICT') continue;
      throw err;
    }
    await deps.audit.append({ actorId: o.actorId, action: 'tracker.feedback_given', recordType: 'tracker-item', recordId: id, at, detail: { givenOn: londonDate(now), via: o.digest } });
    told.push(id);
  }
  return { told };
}
