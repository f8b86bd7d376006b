import { daysLate } from './attention';
import type { TrackerItemFact } from '../ports';

/** "You said, we did" raised and closed in a period, and overdue now (counts of the council's records). */
export interface YouSaidCounts {
  raised: number;
  done: number;
  notPossible: number;
  overdue: number;
  /** Days each overdue item is late. */
  overdueDays: number[];
}

// The board's and senior managers' own "Ask about this" questions are answered to them: not something young people said.
const saidByYoungPeopleOrFamilies = (t: Pick<TrackerItemFact, 'raisedBy'>): boolean => t.raisedBy?.kind !== 'board';

/** The board briefing's and the senior report's "You said, we did" counts, one rule for both. */
export function youSaidCounts(
  items: { raised: readonly TrackerItemFact[]; closed: readonly TrackerItemFact[]; open: readonly TrackerItemFact[] },
  today: string,
): YouSaidCounts {
  const closed = items.closed.filter(saidByYoungPeopleOrFamilies);
  const overdue = items.open.filter((t) => saidByYoungPeopleOrFamilies(t) && t.due < today);
  return {
    raised: items.raised.filter(saidByYoungPeopleOrFamilies).length,
    done: closed.filter((t) => t.status === 'done').length,
    notPossible: closed.filter((t) => t.status === 'not_possible').length,
    overdue: overdue.length,
    overdueDays: overdue.map((t) => daysLate(t.due, today)),
  };
}
