import type { Person } from '../model/person';
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
        input: { youSaid: item.text, saidBy: 'forum', ownerId: item.ownerId, dueDate: item.dueDate },
        source: item.source,
        keepInternal: true,
      });
      if (res.kind !== 'raised') throw new Error(`forum item refused: ${JSON.stringify(res.kind === 'invalid' ? res.errors : res.kind)}`);
      return { id: res.item.id };
    },
    async listOpenForForum(forumId: string) {
      return (await deps.items.listActive())
        .filter((i) => i.source.kind === 'forum' && i.source.forumId === forumId)
        .map((i) => ({
          id: i.id,
          text: i.youSaid,
          ownerId: i.ownerId,
          dueDate: i.dueDate,
          occurrenceDate: i.source.kind === 'forum' ? i.source.occurrenceDate : undefined,
        }));
    },
  };
}
