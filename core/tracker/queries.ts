import { londonDate, type IsoDate } from '../calendar/working-days';
import type { Clock } from '../clock';
import type { TrackerItem } from './item';
import type { TrackerStore } from './ports';

/** A half-open period [from, to) of London dates. */
export interface DatePeriod {
  from: IsoDate;
  to: IsoDate;
}

export interface TrackerSummary {
  raised: number;
  /** Closed in the period: outcome recorded and the children told. */
  closed: number;
  closedDone: number;
  closedNotPossible: number;
  /** Due in the period and not closed by the due date (including those still open). */
  overdue: number;
  bySaidBy: Record<TrackerItem['saidBy'], number>;
}

/**
 * "You said, we did" for any period. Reads only the months the period covers (raised, due and closed
 * partitions), so the cost follows the period asked, not the history held.
 */
export async function summariseTracker(store: TrackerStore, period: DatePeriod, clock: Clock): Promise<TrackerSummary> {
  const [raised, due, closed] = await Promise.all([
    store.listRaisedBetween(period.from, period.to),
    store.listDueBetween(period.from, period.to),
    store.listClosedBetween(period.from, period.to),
  ]);
  const today = londonDate(clock.now());
  const live = (i: TrackerItem) => i.status !== 'withdrawn';
  const closedItems = closed.filter((i) => i.status === 'closed');
  const bySaidBy = { child: 0, group: 0, forum: 0, family: 0 };
  for (const i of raised.filter(live)) bySaidBy[i.saidBy]++;
  return {
    raised: raised.filter(live).length,
    closed: closedItems.length,
    closedDone: closedItems.filter((i) => i.outcome?.kind === 'done').length,
    closedNotPossible: closedItems.filter((i) => i.outcome?.kind === 'not_possible').length,
    overdue: due.filter(live).filter((i) => (i.closedOn ? i.closedOn > i.dueDate : today > i.dueDate)).length,
    bySaidBy,
  };
}
