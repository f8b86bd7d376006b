import { londonDate } from '../calendar/working-days';
import { DomainError } from '../errors';
import type { FeedbackFrom, MeetingFeedbackFields } from '../model/feedback';
import { decide } from '../roles/authorise';
import type { Relation } from '../roles/policy';
import type { TrackerDeps } from '../tracker/deps';
import type { TrackerItem } from '../tracker/item';
import { raiseItem } from '../tracker/raise';
import type { AfterMeetingRecord } from './after-meeting-record';
import type { ChairRecord } from './chair-record';
import { loadMeetingContext, type VoiceDeps } from './context';
import { coverHolds, coverOn, type CoverStore } from './cover';
import type { AfterMeetingStore, ChairRecordStore } from './ports';

/** Working days an owner has to act on a "You said" raised from feedback (they can change it on the item). */
export const FEEDBACK_ITEM_DUE_WORKING_DAYS = 20;

export type FeedbackYouSaidDeps = Pick<VoiceDeps, 'meetings' | 'children' | 'people' | 'teams' | 'audit' | 'clock' | 'calendar' | 'settings'> & {
  after: AfterMeetingStore;
  chairRecords: ChairRecordStore;
  covers?: Pick<CoverStore, 'listFor'>;
  tracker: Pick<TrackerDeps, 'items' | 'newId' | 'pii'>;
};

/** Where the feedback was recorded: the worker's after-meeting answer, or the chair's record. */
export type FeedbackRecordKind = 'after' | 'chair';

/**
 * One press: the child's (or parents') "what would have helped" becomes a "You said" item owned by the
 * person pressing, due in FEEDBACK_ITEM_DUE_WORKING_DAYS. Only those with a relation to the child or the
 * meeting (worker, cover, manager, chair) or an admin; refusals and the raise are audited. The item keeps
 * the meeting's type and nothing that points to the child; the record keeps the item's id, so it is raised once.
 */
export async function raiseFeedbackYouSaid(
  input: { actorId: string; meetingId: string; from: FeedbackFrom; record: FeedbackRecordKind },
  deps: FeedbackYouSaidDeps,
): Promise<{ item: TrackerItem; already: boolean; as: Relation | 'role' }> {
  const { meeting, child } = await loadMeetingContext(input.meetingId, deps);
  const today = londonDate(deps.clock.now());
  const [actor, worker, team, cover] = await Promise.all([
    deps.people.get(input.actorId),
    deps.people.get(child.workerId),
    deps.teams?.get(child.teamId),
    deps.covers ? coverOn(child.workerId, today, deps.covers) : undefined,
  ]);
  // A cover counts only while it still holds today (the colleague still in the worker's team, or approved from outside).
  const holds = cover?.coverId === input.actorId && coverHolds(cover, worker, actor);
  const subject = { label: child.ref, holderIds: [child.workerId], coverIds: [holds ? cover.coverId : undefined], lineManagerIds: [worker?.lineManagerId], teamManagerId: team?.managerId, chairIds: [meeting.chairId] };
  const decision = decide(actor ? { ...actor, id: input.actorId } : undefined, 'voice.feedback-you-said', subject);
  if (!decision.allowed || !actor) {
    await deps.audit.append({ actorId: input.actorId, action: 'access.refused', recordType: 'child', recordId: child.ref, detail: { action: 'voice.feedback-you-said' } });
    throw new DomainError('FORBIDDEN', decision.allowed ? 'I don\'t know you yet: ask your administrator to add you to Golden Thread\'s directory.' : decision.reason);
  }
  const record: (AfterMeetingRecord | ChairRecord) | undefined = input.record === 'chair' ? await deps.chairRecords.get(meeting.id) : await deps.after.get(meeting.id);
  const linkKey = input.from === 'child' ? 'childYouSaidId' : 'parentsYouSaidId';
  const text = input.from === 'child' ? record?.childWouldHelp : record?.parentsWouldHelp;
  if (!record || !text) throw new DomainError('NOT_FOUND', 'Nothing is saved about what would have helped: save the card first.');
  const linked = record[linkKey];
  if (linked) {
    const existing = await deps.tracker.items.get(linked);
    if (existing) return { item: existing.value, already: true, as: decision.by };
  }
  const raised = await raiseItem({ ...deps.tracker, audit: deps.audit, people: deps.people, clock: deps.clock }, {
    actor,
    input: { youSaid: text, saidBy: input.from === 'child' ? 'child' : 'family', ownerId: actor.id, dueDate: deps.calendar.addWorkingDays(today, FEEDBACK_ITEM_DUE_WORKING_DAYS) },
    source: { kind: 'meeting-feedback', meetingType: meeting.type, from: input.from },
    // The text passed the guard when it was saved; the council's own guard may find more: then it stays internal.
    keepInternal: true,
    saveAnyway: true,
  });
  if (raised.kind !== 'raised') throw new DomainError('INVALID', raised.kind === 'invalid' ? Object.values(raised.errors).join(' ') : 'That text could not be saved as a "You said" item.');
  const links: MeetingFeedbackFields = { [linkKey]: raised.item.id };
  if (input.record === 'chair') await deps.chairRecords.save({ ...(record as ChairRecord), ...links });
  else await deps.after.save({ ...(record as AfterMeetingRecord), ...links });
  await deps.audit.append({
    actorId: input.actorId, action: 'feedback.you-said', recordType: 'meeting', recordId: meeting.id, at: raised.item.raisedAt,
    detail: { as: decision.by, from: input.from, record: input.record, trackerItemId: raised.item.id, shareable: raised.item.shareable },
  });
  return { item: raised.item, already: false, as: decision.by };
}
