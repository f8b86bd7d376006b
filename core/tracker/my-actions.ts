import { londonDate } from '../calendar/working-days';
import type { Clock } from '../clock';
import { hasRole, type Person } from '../model/person';
import type { PersonStore } from '../ports';
import { decide } from '../roles/authorise';
import type { TrackerItem } from './item';
import type { TrackerStore } from './ports';
import { stageOf, type Stage } from './stage';

export interface ActionRow {
  item: TrackerItem;
  stage: Stage;
  /** True when the viewer is not the owner (a manager looking at the team's items). */
  ownedByOther: boolean;
}

const order: Record<Stage, number> = { overdue: 0, awaiting_feedback: 1, reminded: 2, open: 3, closed_done: 4, closed_not_possible: 4, withdrawn: 5 };

/**
 * "My actions": the items a person owns; a manager also sees their team's (and their reports') items,
 * an admin every active item, a participation officer the items they raised for others. Overdue first, then by due date.
 */
export async function listMyActions(
  deps: { items: TrackerStore; people: Pick<PersonStore, 'listByTeam'>; clock: Clock },
  viewer: Person,
): Promise<ActionRow[]> {
  const today = londonDate(deps.clock.now());
  let items = await deps.items.listActiveByOwner(viewer.id);
  if (decide(viewer, 'tracker.view.team').allowed) {
    const active = await deps.items.listActive();
    const team = viewer.teamId ? await deps.people.listByTeam(viewer.teamId) : [];
    const mine = new Set([viewer.id, ...team.filter((p) => p.lineManagerId === viewer.id || p.teamId === viewer.teamId).map((p) => p.id)]);
    items = hasRole(viewer, 'admin')
      ? active
      : active.filter((i) => mine.has(i.ownerId) || (viewer.teamId !== undefined && i.teamId === viewer.teamId));
  } else if (hasRole(viewer, 'participation_officer')) {
    // A participation officer chases what they raised (a forum's points, a "you said") for others to own.
    const raised = (await deps.items.listActive()).filter((i) => i.raisedById === viewer.id && i.ownerId !== viewer.id);
    items = [...items, ...raised];
  }
  return items
    .map((item) => ({ item, stage: stageOf(item, today), ownedByOther: item.ownerId !== viewer.id }))
    .sort((a, b) => order[a.stage] - order[b.stage] || a.item.dueDate.localeCompare(b.item.dueDate));
}
