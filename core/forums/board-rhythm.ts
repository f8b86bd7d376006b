import type { Forum } from './forum';
import type { ForumStore } from './ports';
import { nextOccurrences, previousOccurrences, type Occurrence } from './recurrence';

/** A board meeting: the anchor for the pre-meeting briefing (digests). */
export interface BoardMeeting {
  forum: Forum;
  occurrence: Occurrence;
}

const boards = (forums: readonly Forum[]) => forums.filter((f) => f.type === 'CPB');

/** The next Corporate Parenting Board meeting starting at or after `now` (cancelled ones skipped). */
export function nextCpbMeeting(forums: readonly Forum[], now: Date): BoardMeeting | undefined {
  return boards(forums)
    .flatMap((forum) => nextOccurrences(forum, now, 1, { skipCancelled: true }).map((occurrence) => ({ forum, occurrence })))
    .sort((a, b) => a.occurrence.start.getTime() - b.occurrence.start.getTime())[0];
}

/** The last Corporate Parenting Board meeting that started before `now` (cancelled ones skipped). */
export function previousCpbMeeting(forums: readonly Forum[], now: Date): BoardMeeting | undefined {
  return boards(forums)
    .flatMap((forum) => previousOccurrences(forum, now, 1, { skipCancelled: true }).map((occurrence) => ({ forum, occurrence })))
    .sort((a, b) => b.occurrence.start.getTime() - a.occurrence.start.getTime())[0];
}

/** Both anchors at once, read from the forum store: what the board briefing needs. */
export async function cpbRhythm(forums: Pick<ForumStore, 'list'>, now: Date): Promise<{ next?: BoardMeeting; previous?: BoardMeeting }> {
  const all = await forums.list();
  return { next: nextCpbMeeting(all, now), previous: previousCpbMeeting(all, now) };
}
