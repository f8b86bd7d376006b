import { DateTime } from 'luxon';
import { LONDON, londonDate, type IsoDate } from '../calendar/working-days';
import { meetingTypeLabel, type Meeting } from '../model/meeting';
import type { AuditLog, MeetingStore, PersonStore, ChildStore } from '../ports';
import { requireAllowed } from '../roles/authorise';
import { CHAIR_RECORD_WORKING_DAYS, type ChairRecord } from './chair-record';
import type { VoiceDeps } from './context';
import { isStale } from './freshness';
import { formatDay, workingDaysAway } from './nudge-view';
import { freshMonthsFor, type VoiceSettings } from './settings';
import { mapLimit } from '../util';
import type { VoiceRecord } from './voice-record';
import type { ChairRecordStore } from './ports';
import { pnCodeLabel } from '../model/participation';

/** How far ahead "my reviews" looks: a review's consultation starts about two weeks ahead, so six weeks is ample. */
export const REVIEWS_DAYS = 42;

/** What a chair needs to know about the child's views before the meeting. */
export type ChairVoiceStatus = 'recorded' | 'declined' | 'stale' | 'missing';

export interface ReviewItem {
  meetingId: string;
  /** The case reference only (pseudonymous): a chair's list never shows initials. */
  child: string;
  type: string;
  when: string;
  daysAway: string;
  workerName: string;
  status: ChairVoiceStatus;
  statusText: string;
  /** On or after the meeting day: the chair can record how the child took part. */
  held: boolean;
  /** A meeting held: whether the chair has recorded how the child took part ("" before the meeting). */
  takePartText: string;
  /** The chair's own record is on file: the card offers to change it. */
  recordedByChair: boolean;
}

/** How far back "my reviews" shows meetings held: as long as the chair may record how the child took part (record-chair.ts). */
export const REVIEWS_BACK_WORKING_DAYS = CHAIR_RECORD_WORKING_DAYS;

export interface ReviewList {
  from: IsoDate;
  to: IsoDate;
  items: ReviewItem[];
  /** Meetings to come whose views are missing or stale. */
  missing: number;
  /** Meetings held without the chair's own record of how the child took part. */
  toRecord: number;
}

/** What "my reviews" says of a meeting held: the chair's record, the worker's stand-in, or nothing yet. */
function takePartText(chair: ChairRecord | undefined): string {
  if (chair?.pnBy === 'chair') return `You recorded ${chair.pnCode}: ${pnCodeLabel[chair.pnCode].toLowerCase()}.`;
  if (chair) return `Not recorded by you yet (the child's worker recorded ${chair.pnCode}).`;
  return 'Not recorded yet.';
}

/** The chair's view of a child's voice record for one meeting (a stale record counts as missing, as for nudges). */
export function chairVoiceStatus(meeting: Pick<Meeting, 'type' | 'start'>, record: VoiceRecord | undefined, settings: VoiceSettings): [ChairVoiceStatus, string] {
  if (!record) return ['missing', "No views recorded yet."];
  if (isStale(record, meeting, settings)) {
    const months = freshMonthsFor(meeting.type, settings);
    return ['stale', `Only old views on file (gathered ${formatDay(record.gatheredOn)}, more than ${months === 1 ? 'a month' : `${months} months`} before the meeting).`];
  }
  if (record.declined) return ['declined', `The child chose not to share their views (recorded ${formatDay(record.gatheredOn)}).`];
  const shared = record.sharedWith.length > 0 ? ', shared with the chair' : '';
  return ['recorded', `Views gathered on ${formatDay(record.gatheredOn)}${shared}.`];
}

/** One meeting as a chair sees it: the case reference, when, whose case, and whether the views are in. */
export function reviewItem(
  o: { meeting: Meeting; workerName: string; record: VoiceRecord | undefined; today: IsoDate; chair?: ChairRecord },
  deps: Pick<VoiceDeps, 'calendar' | 'settings'>,
): ReviewItem {
  const [status, statusText] = chairVoiceStatus(o.meeting, o.record, deps.settings);
  const held = londonDate(new Date(o.meeting.start)) <= o.today;
  return {
    meetingId: o.meeting.id,
    child: o.meeting.childRef,
    type: meetingTypeLabel[o.meeting.type],
    when: DateTime.fromISO(o.meeting.start, { zone: LONDON }).toFormat("ccc d LLL yyyy 'at' HH:mm"),
    daysAway: workingDaysAway(deps.calendar, o.today, londonDate(new Date(o.meeting.start))),
    workerName: o.workerName,
    status,
    statusText,
    held,
    takePartText: held ? takePartText(o.chair) : '',
    recordedByChair: held && o.chair?.pnBy === 'chair',
  };
}

type Deps = Pick<VoiceDeps, 'voice' | 'clock' | 'calendar' | 'settings'> & {
  meetings: Pick<MeetingStore, 'listForChair'>;
  children: Pick<ChildStore, 'get'>;
  people: Pick<PersonStore, 'get'>;
  audit: Pick<AuditLog, 'append' | 'appendMany'>;
  chairRecords: Pick<ChairRecordStore, 'getMany'>;
};

/**
 * "my reviews": the meetings a chair chairs in the next six weeks (and those held in the last 20 working days, to
 * record), soonest first, with the child's voice status. A read of each child's meeting, so audited against each.
 */
export async function listReviews(input: { actorId: string; days?: number }, deps: Deps): Promise<ReviewList> {
  await requireAllowed(await deps.people.get(input.actorId), 'meetings.chair', { recordType: 'action' }, { audit: deps.audit, actorId: input.actorId });
  const now = deps.clock.now();
  const from = londonDate(now);
  const to = DateTime.fromISO(from, { zone: LONDON }).plus({ days: input.days ?? REVIEWS_DAYS }).toISODate() as IsoDate;
  const since = deps.calendar.addWorkingDays(from, -REVIEWS_BACK_WORKING_DAYS);
  const meetings = (await deps.meetings.listForChair(input.actorId)).filter((m) => m.status === 'scheduled' && londonDate(new Date(m.start)) >= since && londonDate(new Date(m.start)) < to);
  const [records, chairs] = await Promise.all([
    deps.voice.getMany(meetings.map((m) => m.id)),
    deps.chairRecords.getMany(meetings.filter((m) => londonDate(new Date(m.start)) <= from).map((m) => m.id)),
  ]);
  const names = new Map<string, string>();
  const items = await mapLimit(meetings, 8, async (m): Promise<ReviewItem> => {
    const workerId = (await deps.children.get(m.childRef))?.value.workerId;
    if (workerId && !names.has(workerId)) names.set(workerId, (await deps.people.get(workerId))?.displayName ?? 'Unknown worker');
    return reviewItem({ meeting: m, workerName: (workerId && names.get(workerId)) || 'No worker on file', record: records.get(m.id), today: from, chair: chairs.get(m.id) }, deps);
  });
  const read = items.map((i) => ({ actorId: input.actorId, action: 'chair.listed', recordType: 'meeting', recordId: i.meetingId, detail: { childRef: i.child } }));
  await (deps.audit.appendMany ? deps.audit.appendMany(read) : Promise.all(read.map((e) => deps.audit.append(e))));
  return { from, to, items, missing: items.filter((i) => !i.held && (i.status === 'missing' || i.status === 'stale')).length, toRecord: items.filter((i) => i.held && !i.recordedByChair).length };
}
