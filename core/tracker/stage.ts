import type { IsoDate } from '../calendar/working-days';
import type { TrackerItem } from './item';

/** Where an item is in its life, as "my actions" shows it. */
export type Stage = 'open' | 'reminded' | 'overdue' | 'awaiting_feedback' | 'closed_done' | 'closed_not_possible' | 'withdrawn';

export function stageOf(item: TrackerItem, today: IsoDate): Stage {
  if (item.status === 'withdrawn') return 'withdrawn';
  if (item.status === 'closed') return item.outcome?.kind === 'not_possible' ? 'closed_not_possible' : 'closed_done';
  if (item.status === 'awaiting_feedback') return 'awaiting_feedback';
  if (today > item.dueDate) return 'overdue';
  return item.remindedAt ? 'reminded' : 'open';
}

/** Plain words for each stage: said in text, never by colour alone. */
export const stageLabel: Record<Stage, string> = {
  open: 'Open',
  reminded: 'Open: reminder sent, due soon',
  overdue: 'Overdue',
  awaiting_feedback: 'Outcome recorded: the children still need to be told',
  closed_done: 'Done, and the children were told',
  closed_not_possible: 'Not possible, and the children were told why',
  withdrawn: 'Withdrawn',
};
