import { londonDate } from '../calendar/working-days';
import { shiftDate } from '../digests/period';
import type { Person } from '../model/person';
import { raisedByOf, type TrackerItem } from './item';
import type { TrackerDeps } from './deps';
import { raiseItem } from './raise';

/** What forums hand over (matches core/forums' NewYouSaid, without importing it). */
export interface ForumYouSaid {
  text: string;
  ownerId: string;
  dueDate: string;
  source: { kind: 'forum'; forumId: string; forumName: string; occurrenceDate: string };
  createdBy: string;
}

/**
 * The forums feature's YouSaidTracker port, backed by the tracker. Forum records have already
 * passed the PII guard, so an item is kept internal only if the guard disagrees.
 */
export function forumTracker(deps: TrackerDeps, actorFor: (id: string) => Promise<Person>) {
  return {
    async create(item: ForumYouSaid): Promise<{ id: string }> {
      const actor = await actorFor(item.createdBy);
      const res = await raiseItem(deps, {
        actor,
        input: { youSaid: item.text, saidBy: 'forum', forumId: item.source.forumId, ownerId: item.ownerId, dueDate: item.dueDate },
        source: item.source,
        keepInternal: true,
        // The facilitator's card has no "Save anyway": a hard text is kept, marked for rewording, and the CICC
        // digest shows a safe line and asks an officer to reword it (docs/digests.md, the reading-age gate).
        saveAnyway: true,
      });
      if (res.kind !== 'raised') throw new Error(`forum item refused: ${JSON.stringify(res.kind === 'invalid' ? res.errors : res.kind)}`);
      return { id: res.item.id };
    },
    async listOpenForForum(forumId: string) {
      return (await deps.items.listActive())
        .filter((i) => i.status === 'open' && ofForum(i, forumId))
        .map((i) => ({
          id: i.id,
          text: i.youSaid,
          ownerId: i.ownerId,
          dueDate: i.dueDate,
          occurrenceDate: i.source.kind === 'forum' ? i.source.occurrenceDate : undefined,
        }));
    },
    /** Outcomes not yet told (whenever recorded), and those told since the forum last met. */
    async listDoneForForum(forumId: string, since: string) {
      const today = londonDate(deps.clock.now());
      const [active, closed] = await Promise.all([deps.items.listActive(), deps.items.listClosedBetween(since, shiftDate(today, 1))]);
      return [...active.filter((i) => i.status === 'awaiting_feedback'), ...closed.filter((i) => i.status === 'closed')]
        .filter((i) => ofForum(i, forumId) && !!i.outcome)
        .map((i) => ({
          id: i.id,
          text: i.youSaid,
          outcome: i.outcome!.kind,
          result: i.outcome!.kind === 'done' ? i.outcome!.weDid : i.outcome!.why,
          told: i.status === 'closed',
        }));
    },
  };
}

const ofForum = (i: TrackerItem, forumId: string): boolean => {
  const by = raisedByOf(i);
  return by.kind === 'forum' && by.forumId === forumId;
};
