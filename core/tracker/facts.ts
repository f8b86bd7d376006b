import { londonDate } from '../calendar/working-days';
import { raisedByOf, type RaisedBy, type TrackerItem } from './item';
import type { TrackerStore } from './ports';

/** The digests' view of an item (core/digests TrackerItemFact), built from the tracker's own record. */
export interface TrackerItemView {
  id: string;
  raisedAt: string;
  due: string;
  status: 'open' | 'done' | 'not_possible';
  closedAt?: string;
  youSaid: string;
  outcome?: string;
  teamId?: string;
  shareable: boolean;
  /** The outcome recorded (told or not): an open item with one waits only for the feedback. */
  outcomeKind?: 'done' | 'not_possible';
  raisedBy: RaisedBy;
}

/** An item counts as done or not possible only once closed (the children told); until then it is open. */
export function toFact(i: TrackerItem): TrackerItemView {
  const closed = i.status === 'closed';
  return {
    id: i.id,
    raisedAt: i.raisedAt,
    due: i.dueDate,
    status: closed ? (i.outcome?.kind ?? 'done') : 'open',
    closedAt: closed ? i.closedAt : undefined,
    youSaid: i.youSaid,
    outcome: i.outcome ? (i.outcome.kind === 'done' ? i.outcome.weDid : i.outcome.why) : undefined,
    teamId: i.teamId,
    shareable: i.shareable,
    outcomeKind: i.outcome?.kind,
    raisedBy: raisedByOf(i),
  };
}

/** Adapts the tracker store to the digests' TrackerFacts port (instants in, London dates used). */
export function trackerFacts(store: TrackerStore) {
  const live = (items: TrackerItem[]) => items.filter((i) => i.status !== 'withdrawn').map(toFact);
  return {
    raisedBetween: async (from: Date, to: Date) => live(await store.listRaisedBetween(londonDate(from), londonDate(to))),
    closedBetween: async (from: Date, to: Date) =>
      live((await store.listClosedBetween(londonDate(from), londonDate(to))).filter((i) => i.status === 'closed')),
    open: async () => live(await store.listActive()),
  };
}
