import { DateTime } from 'luxon';
import { LONDON, londonDate, londonInstant, type IsoDate } from '../calendar/working-days';
import type { Child } from '../model/child';
import type { Meeting } from '../model/meeting';
import { assertAllowed } from '../roles/authorise';
import type { ChildStore, MeetingStore, PersonStore, TeamStore } from '../ports';
import type { VoiceDeps } from './context';
import { nudgeItemView, type NudgeItemView } from './nudge-view';
import { scheduleFor } from './schedule';
import { mapLimit } from '../util';

export interface MeetingListItem extends NudgeItemView {
  workerName: string;
  start: string;
}

export interface MeetingList {
  scope: 'mine' | 'team';
  from: IsoDate;
  to: IsoDate;
  items: MeetingListItem[];
  missing: number;
}

type Deps = Pick<VoiceDeps, 'voice' | 'nudges' | 'clock' | 'calendar' | 'settings'> & {
  meetings: Pick<MeetingStore, 'listForChild'>;
  children: Pick<ChildStore, 'listByWorker' | 'listByTeam'>;
  people: Pick<PersonStore, 'get' | 'list'>;
  teams?: Pick<TeamStore, 'list'>;
};

/**
 * "my meetings": a worker's children's meetings in the next four weeks with their voice status;
 * "team meetings": the same for every child in the teams a manager runs. Reads only those children.
 */
export async function listMeetings(input: { actorId: string; scope: 'mine' | 'team'; days?: number }, deps: Deps): Promise<MeetingList> {
  const now = deps.clock.now();
  const from = londonDate(now);
  const to = DateTime.fromISO(from, { zone: LONDON }).plus({ days: input.days ?? 28 }).toISODate() as IsoDate;
  const children = input.scope === 'mine' ? await deps.children.listByWorker(input.actorId) : await teamChildren(input.actorId, deps);
  const perChild = await mapLimit(children, 16, async (child) =>
    (await deps.meetings.listForChild(child.ref))
      .filter((m) => m.status === 'scheduled' && new Date(m.start) >= londonInstant(from) && new Date(m.start) < londonInstant(to))
      .map((meeting) => ({ meeting, child })),
  );
  const found = perChild.flat().sort((a, b) => a.meeting.start.localeCompare(b.meeting.start));
  const ids = found.map((f) => f.meeting.id);
  const [records, facts] = await Promise.all([deps.voice.getMany(ids), deps.nudges.listForMeetings(ids)]);
  const names = new Map<string, string>();
  for (const id of new Set(found.map((f) => f.child.workerId))) names.set(id, (await deps.people.get(id))?.displayName ?? 'Unknown worker');
  const items = found.map(({ meeting, child }: { meeting: Meeting; child: Child }) => ({
    ...nudgeItemView({ meeting, child, schedule: scheduleFor(meeting, deps.settings, deps.calendar), record: records.get(meeting.id), facts: facts.get(meeting.id), today: from, settings: deps.settings, calendar: deps.calendar }),
    workerName: names.get(child.workerId) ?? '',
    start: meeting.start,
  }));
  return { scope: input.scope, from, to, items, missing: items.filter((i) => i.open).length };
}

async function teamChildren(actorId: string, deps: Deps): Promise<Child[]> {
  const actor = await deps.people.get(actorId);
  assertAllowed(actor, 'meetings.team');
  if (!actor) return [];
  const teamIds = new Set<string>(actor.teamId ? [actor.teamId] : []);
  for (const t of (await deps.teams?.list()) ?? []) if (t.managerId === actorId) teamIds.add(t.id);
  return (await mapLimit([...teamIds], 4, (id) => deps.children.listByTeam(id))).flat();
}
