// The digests' facts read from the app's stores (through their ports): which meetings had the child's views
// in time, what examples and "You said" items a period holds, the forums' calendar, the cohort's make-up.
// functions/wiring/digests.ts hands these the stores; the rules they apply live here and in core/voice.
import { londonDate, londonInstant, type WorkingCalendar } from '../calendar/working-days';
import type { Clock } from '../clock';
import type { ExampleStore } from '../examples/ports';
import { occurrencesBetween, previousOccurrences, type Forum } from '../forums';
import type { ForumStore } from '../forums/ports';
import { teamAt, type Child } from '../model/child';
import { feedbackFact, type MeetingFeedbackFields } from '../model/feedback';
import type { Person } from '../model/person';
import type { MeetingStore, PersonStore, TeamStore } from '../ports';
import { toFact, type TrackerItem, type TrackerStore } from '../tracker';
import type { VoiceServices } from '../voice/runtime';
import { freshRecord } from '../voice/freshness';
import { scheduleFor } from '../voice/schedule';
import type { VoiceSettings } from '../voice/settings';
import { advocacyRequired } from '../voice/validate';
import { shiftDate } from './period';
import type { CohortFacts, ExampleFacts, ForumCalendar, ForumOccurrence, MeetingVoiceFact, TrackerFacts, TrackerItemFact, VoiceFacts } from './ports';

/** Children by reference, many at once (the Table store reads them in parallel). */
export interface ChildLookup {
  getMany(refs: readonly string[]): Promise<Map<string, Child>>;
  list(): Promise<Child[]>;
}

/**
 * How far before a meeting's start its voice escalation can come: escalations follow the voice-by date,
 * which is at most 40 working days before the meeting (core/voice/settings.ts), under 60 calendar days.
 */
const ESCALATION_LEAD_DAYS = 70;

const endOfDay = (date: string): string => new Date(londonInstant(shiftDate(date, 1)).getTime() - 1).toISOString();

export interface VoiceFactSources {
  meetings: Pick<MeetingStore, 'listStartingBetween'>;
  children: Pick<ChildLookup, 'getMany'>;
  teams: Pick<TeamStore, 'list'>;
  voice: Pick<VoiceServices, 'voice' | 'nudges' | 'after' | 'chairRecords'> & { settings: VoiceSettings };
  calendar: WorkingCalendar;
  clock: Clock;
}

/** Meetings with their voice facts, built from the meeting, child, team, voice-record and nudge stores. */
export function voiceFactsFrom(s: VoiceFactSources): VoiceFacts {
  return {
    async childRefsBetween(from, to) {
      return [...new Set((await s.meetings.listStartingBetween(from, to)).map((m) => m.childRef))];
    },
    async forMeetingsBetween(from, to) {
      const meetings = (await s.meetings.listStartingBetween(from, to)).filter((m) => m.status !== 'cancelled');
      if (meetings.length === 0) return [];
      const ids = meetings.map((m) => m.id);
      const today = londonDate(s.clock.now());
      const held = ids.filter((_, i) => Date.parse(meetings[i]!.start) < s.clock.now().getTime());
      const [children, teams, records, escalations, after, chaired] = await Promise.all([
        s.children.getMany([...new Set(meetings.map((m) => m.childRef))]),
        s.teams.list(),
        s.voice.voice.getMany(ids),
        // Escalations by the days they happened, from before the first meeting's earliest possible voice-by
        // date to today (after-meeting escalations come after the meeting).
        s.voice.nudges.escalationsBetween(shiftDate(londonDate(from), -ESCALATION_LEAD_DAYS), today),
        s.voice.after.getMany(held),
        // The chair's record (how the child took part, reg 36, the plan) exists only for meetings held.
        s.voice.chairRecords.getMany(held),
      ]);
      const firstEscalation = new Map<string, string>();
      for (const f of escalations) {
        const seen = firstEscalation.get(f.meetingId);
        if (!seen || f.at < seen) firstEscalation.set(f.meetingId, f.at);
      }
      const district = new Map(teams.map((t) => [t.id, t.district]));
      return meetings.flatMap((m): MeetingVoiceFact[] => {
        const child = children.get(m.childRef);
        if (!child) return [];
        // Views gathered too long before the meeting (it moved later) no longer count, as for the nudges and the chair.
        const record = freshRecord(records.get(m.id), m, s.voice.settings);
        const chair = chaired.get(m.id);
        const schedule = scheduleFor(m, s.voice.settings, s.calendar);
        // The team the child was in when the meeting was held (a child who moved since counts for the team they left).
        const teamId = teamAt(child, m.start);
        return [{
          meetingId: m.id,
          childRef: m.childRef,
          teamId,
          district: district.get(teamId) ?? 'Unknown district',
          type: m.type,
          start: m.start,
          // The report deadline's day, but never after the meeting has started (voice-by may be the meeting day).
          voiceDue: new Date(Math.min(Date.parse(endOfDay(schedule.voiceBy)), Date.parse(m.start))).toISOString(),
          // When the voice was first on file: a later edit (a note, a typo) does not make it late.
          voiceRecordedAt: record ? (record.firstRecordedAt ?? record.recordedAt) : undefined,
          declined: record?.declined,
          // What the worker's voice record says today (before the meeting: a forecast of attendance, and on older
          // records a forecast code)...
          ...(record
            ? {
                ...(record.pnCode ? { pn: record.pnCode, pnBy: 'worker' as const } : {}),
                sharedWithChair: record.sharedWith.length > 0,
                // Older records do not say when they were first shared: their last save, as before.
                ...(record.sharedWith.length > 0 ? { sharedAt: record.sharedAt ?? record.recordedAt } : {}),
                prepared: record.prepared,
                methods: record.methods,
                ...(record.attendance ? { attended: record.attendance !== 'will_not_attend' } : {}),
              }
            : {}),
          // ...and what the chair recorded after it, which wins: how the child took part, reg 36, the plan.
          ...(chair
            ? { pn: chair.pnCode, pnBy: chair.pnBy, attended: chair.attended, chairMetChildBefore: chair.metBefore, viewsChangedPlan: chair.viewsChangedPlan }
            : {}),
          // The record-voice card's own rule (core/voice/validate.ts), so the digest counts what the worker was asked.
          advocacyRequired: advocacyRequired(child, m, s.voice.settings),
          // When the record first said advocacy was offered, so a later edit does not move it; older records: their last save.
          advocacyOfferedAt: record?.advocacyOffered ? (record.advocacyOfferedAt ?? record.recordedAt) : undefined,
          escalatedAt: firstEscalation.get(m.id),
          // Feedback after the meeting: the chair's record where it says whether that form was offered, else the worker's.
          ...feedbackFacts(chair, after.get(m.id)),
          // The after-meeting answer: told what was decided ("planned" and "not appropriate" are not yet told).
          toldOutcomeAt: after.get(m.id)?.told === 'yes' ? after.get(m.id)!.recordedAt : undefined,
          groups: child.groups,
        }];
      });
    },
  };
}

/** The forums' meetings by type, from the forum store (cancelled meetings left out). */
export function forumCalendarFrom(store: Pick<ForumStore, 'list'>): ForumCalendar {
  const ofType = async (type: ForumOccurrence['forum']) => (await store.list()).filter((f: Forum) => f.type === type);
  const toOcc = (forum: ForumOccurrence['forum']) => (o: { forumId: string; originalDate: string; start: Date }): ForumOccurrence => ({
    id: `${o.forumId}:${o.originalDate}`,
    forum,
    start: o.start.toISOString(),
  });
  return {
    async occurrencesBetween(forum, from, to) {
      return (await ofType(forum)).flatMap((f) => occurrencesBetween(f, from, to).filter((o) => o.status !== 'cancelled').map(toOcc(forum)));
    },
    async previous(forum, before) {
      const all = (await ofType(forum)).flatMap((f) => previousOccurrences(f, before, 1, { skipCancelled: true }).map(toOcc(forum)));
      return all.sort((a, b) => b.start.localeCompare(a.start))[0];
    },
  };
}

/** Active examples recorded in the period; shareable only if the author did not keep it internal. */
export function exampleFactsFrom(examples: Pick<ExampleStore, 'listRecordedBetween'>): ExampleFacts {
  return {
    async between(from, to) {
      const rows = await examples.listRecordedBetween(londonDate(from), shiftDate(londonDate(to), 1));
      return rows
        .filter((e) => e.status === 'active' && Date.parse(e.recordedAt) >= from.getTime() && Date.parse(e.recordedAt) < to.getTime())
        .map((e) => ({ id: e.id, recordedAt: e.recordedAt, promiseIds: e.promiseIds, mode: e.mode, teamId: e.teamId, shareable: e.shareable && !e.keptInternal, summary: e.title, authorId: e.authorId }));
    },
  };
}

export interface TrackerFactSources {
  items: Pick<TrackerStore, 'listRaisedBetween' | 'listClosedBetween' | 'listActive'>;
  forums: Pick<ForumStore, 'list'>;
  teams: Pick<TeamStore, 'list'>;
  people: Pick<PersonStore, 'get'> & { getMany(ids: readonly string[]): Promise<Map<string, Person>> };
}

/** "You said, we did" items raised, closed and open, each with its forum's type. */
export function trackerFactsFrom(s: TrackerFactSources): TrackerFacts {
  // Each item's forum with its type, so a digest knows whose "You said" it is (the CICC's, the families' forum's...).
  const factWithForum = async () => {
    const types = new Map((await s.forums.list()).map((f) => [f.id, f.type]));
    return (t: TrackerItem): TrackerItemFact => {
      const f = toFact(t);
      return f.raisedBy.kind === 'forum' ? { ...f, raisedBy: { ...f.raisedBy, forumType: types.get(f.raisedBy.forumId) } } : f;
    };
  };
  return {
    raisedBetween: async (from, to) => (await s.items.listRaisedBetween(londonDate(from), shiftDate(londonDate(to), 1))).filter((t) => t.status !== 'withdrawn' && Date.parse(t.raisedAt) < to.getTime() && Date.parse(t.raisedAt) >= from.getTime()).map(await factWithForum()),
    closedBetween: async (from, to) => (await s.items.listClosedBetween(londonDate(from), shiftDate(londonDate(to), 1))).filter((t) => t.status === 'closed' && !!t.closedAt && Date.parse(t.closedAt) < to.getTime() && Date.parse(t.closedAt) >= from.getTime()).map(await factWithForum()),
    // Open items say who is doing them, as a team's name (the item's team, else its owner's): never a person's name.
    open: async () => {
      const active = await s.items.listActive();
      const [teams, owners] = await Promise.all([s.teams.list(), s.people.getMany([...new Set(active.map((t) => t.ownerId))])]);
      const teamName = new Map(teams.map((t) => [t.id, t.name]));
      const who = (t: TrackerItem) => teamName.get(t.teamId ?? owners.get(t.ownerId)?.teamId ?? '');
      const fact = await factWithForum();
      return active.map((t) => {
        const ownerTeamId = owners.get(t.ownerId)?.teamId;
        return { ...fact(t), who: who(t) && `the ${who(t)} team`, ...(ownerTeamId ? { ownerTeamId } : {}) };
      });
    },
  };
}

/** The whole cohort's harder-to-hear make-up, counted from the children's records. */
export function cohortFrom(children: Pick<ChildLookup, 'list'>): CohortFacts {
  return {
    async groupCounts() {
      const all = await children.list();
      const byGroup: Partial<Record<string, number>> = {};
      for (const c of all) for (const g of c.groups) byGroup[g] = (byGroup[g] ?? 0) + 1;
      return { total: all.length, byGroup };
    },
  };
}

/** Offered and the three-point answer, the child and the parents apart; never the text. */
function feedbackFacts(chair: MeetingFeedbackFields | undefined, after: MeetingFeedbackFields | undefined): Pick<MeetingVoiceFact, 'childFeedback' | 'parentsFeedback'> {
  const childFeedback = feedbackFact(chair, 'child') ?? feedbackFact(after, 'child');
  const parentsFeedback = feedbackFact(chair, 'parents') ?? feedbackFact(after, 'parents');
  return { ...(childFeedback ? { childFeedback } : {}), ...(parentsFeedback ? { parentsFeedback } : {}) };
}
