import { tablesConfigOf } from './storage-config';
import { TableChannelMappingStore } from '../adapters/tables/channel-mapping-store';
import { tableClient, type TablesConfig } from '../adapters/tables/client';
import { lazyClient } from '../adapters/tables/entity';
import { TablePromiseAuditStore } from '../adapters/tables/promise-audit-store';
import { exportLinks, LINK_TTL_MINUTES, type ExportLinks } from '../adapters/links/signed-links';
import { exportBaseUrl, forumPrintPath, linkSecrets } from './export-links';
import { TableExampleStore } from '../adapters/tables/example-store';
import { TableForumStore } from '../adapters/tables/forum-stores';
import { TableTrackerStore } from '../adapters/tables/tracker-store';
import { londonDate, londonInstant, type WorkingCalendar } from '../core/calendar';
import type { Clock } from '../core/clock';
import { advocacyRequired, scheduleFor } from '../core/voice';
import type { Promise_ } from '../core/model';
import type { Outbox } from '../core/ports';
import { dateInWords, forumYouSaidWeDid, occurrenceOn, occurrencesBetween, piiCheckWith, previousOccurrences, PRINTABLE_FORUM_TYPES, type Forum } from '../core/forums';
import type { ForumPrintableView, CohortFacts, ExampleFacts, ForumCalendar, ForumOccurrence, MeetingVoiceFact, PromiseAuditStore, TextGuard, TrackerFacts, TrackerItemFact, VoiceFacts, ParticipationFacts } from '../core/digests';
import { randomId } from '../core/clock';
import { DomainError } from '../core/errors';
import { shiftDate } from '../core/digests';
import { findPii, textGuard } from '../core/pii';
import { piiGuardOptions } from './pii-settings';
import { forumTracker, recordToldByDigest, toFact, type TrackerItem } from '../core/tracker';
import type { Services } from './services-types';
import { promisesFrom } from './tracker-services';
import { TABLES } from '../adapters/tables/names';

/** Table names (before the environment prefix) the digests add. */

/** Everything the digest timers, the export link and the bot's digest handlers need. */
export interface DigestServices {
  /** Surveys and group activities (core/digests/measures/participation.ts). */
  participation?: ParticipationFacts;
  voice: VoiceFacts;
  examples: ExampleFacts;
  tracker: TrackerFacts;
  forums: ForumCalendar;
  audits: PromiseAuditStore;
  cohort: CohortFacts;
  teams: Services['teams'];
  outbox: Outbox;
  calendar: WorkingCalendar;
  clock: Clock;
  promises: readonly Promise_[];
  guard: TextGuard;
  councilName: string;
  /** Channel for an audience ('cicc' | 'cpb' | 'senior_managers' | 'participation_team'), when mapped. */
  channelFor(audience: 'cicc' | 'cpb' | 'senior_managers' | 'participation_team'): Promise<string | undefined>;
  /** A team's own channel for its weekly digest (not mapped yet: see docs/digests.md). */
  teamChannel(teamId: string): Promise<string | undefined>;
  ciccFacilitators(): Promise<string[]>;
  /** Signs and checks the export links (HTML reports served by digest-export.http.ts). */
  links: ExportLinks;
  /** A families' or care leavers' forum's "You said, we did" for one meeting, shareable texts only (undefined: no such page). */
  forumPrintable(forumId: string, originalDate: string): Promise<ForumPrintableView | undefined>;
  /** Closes as told the items a digest reported to the people who raised them (core/tracker recordToldByDigest). */
  recordTold(o: { itemIds: readonly string[]; how: string; actorId: string; digest: string }): Promise<{ told: string[] }>;
}

/**
 * How far before a meeting's start its voice escalation can come: escalations follow the voice-by date,
 * which is at most 40 working days before the meeting (core/voice/settings.ts), under 60 calendar days.
 */
const ESCALATION_LEAD_DAYS = 70;

const endOfDay = (date: string): string => new Date(londonInstant(shiftDate(date, 1)).getTime() - 1).toISOString();

/** Meetings with their voice facts, built from the meeting, child, team, voice-record and nudge stores. */
function voiceFactsFrom(s: Services): VoiceFacts {
  return {
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
        const record = records.get(m.id);
        const chair = chaired.get(m.id);
        const schedule = scheduleFor(m, s.voice.settings, s.calendar);
        return [{
          meetingId: m.id,
          childRef: m.childRef,
          teamId: child.teamId,
          district: district.get(child.teamId) ?? 'Unknown district',
          type: m.type,
          start: m.start,
          // The report deadline's day, but never after the meeting has started (voice-by may be the meeting day).
          voiceDue: new Date(Math.min(Date.parse(endOfDay(schedule.voiceBy)), Date.parse(m.start))).toISOString(),
          voiceRecordedAt: record?.recordedAt,
          declined: record?.declined,
          // What the worker's voice record says today (before the meeting: a forecast of attendance, and on older
          // records a forecast code)...
          ...(record
            ? {
                ...(record.pnCode ? { pn: record.pnCode, pnBy: 'worker' as const } : {}),
                sharedWithChair: record.sharedWith.length > 0,
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
          advocacyOfferedAt: record?.advocacyOffered ? record.recordedAt : undefined,
          escalatedAt: firstEscalation.get(m.id),
          // The after-meeting answer: told what was decided ("planned" and "not appropriate" are not yet told).
          toldOutcomeAt: after.get(m.id)?.told === 'yes' ? after.get(m.id)!.recordedAt : undefined,
          groups: child.groups,
        }];
      });
    },
  };
}

function forumCalendarFrom(store: TableForumStore): ForumCalendar {
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

// The CICC audit store and the signed download links live in adapters/tables/promise-audit-store.ts,
// adapters/links/signed-links.ts and functions/export-links.ts; exported here too for their callers.
export { TablePromiseAuditStore, exportLinks, LINK_TTL_MINUTES, type ExportLinks, exportBaseUrl, forumPrintPath, linkSecrets };

export function buildDigestServices(s: Services): DigestServices {
  const tables: TablesConfig = tablesConfigOf(s.config);
  const client = (name: string) => lazyClient(() => tableClient(tables, name));
  const examples = new TableExampleStore(client(TABLES.examples));
  const items = new TableTrackerStore(client(TABLES.trackerItems));
  const forumStore = new TableForumStore(client(TABLES.forums));
  const mappings = new TableChannelMappingStore(client(TABLES.channelMappings));
  const secrets = linkSecrets(s.config);
  const piiOptions = piiGuardOptions(s.config, { clock: s.clock, promises: promisesFrom(s.config) });
  // Each item's forum with its type, so a digest knows whose "You said" it is (the CICC's, the families' forum's...).
  const factWithForum = async () => {
    const types = new Map((await forumStore.list()).map((f) => [f.id, f.type]));
    return (t: TrackerItem): TrackerItemFact => {
      const f = toFact(t);
      return f.raisedBy.kind === 'forum' ? { ...f, raisedBy: { ...f.raisedBy, forumType: types.get(f.raisedBy.forumId) } } : f;
    };
  };
  const baseUrl = exportBaseUrl(s.config);
  const forumItems = forumTracker({ items, audit: s.audit, people: s.people, clock: s.clock, newId: randomId, pii: (t) => findPii(t, piiOptions) }, async () => {
    throw new DomainError('CONFLICT', 'The printable page only reads items.');
  });
  return {
    voice: voiceFactsFrom(s),
    participation: { surveys: s.surveys, activities: s.activities },
    examples: {
      async between(from, to) {
        const rows = await examples.listRecordedBetween(londonDate(from), shiftDate(londonDate(to), 1));
        return rows
          .filter((e) => e.status === 'active' && Date.parse(e.recordedAt) >= from.getTime() && Date.parse(e.recordedAt) < to.getTime())
          .map((e) => ({ id: e.id, recordedAt: e.recordedAt, promiseIds: e.promiseIds, mode: e.mode, teamId: e.teamId, shareable: e.shareable && !e.keptInternal, summary: e.title, authorId: e.authorId }));
      },
    },
    tracker: {
      raisedBetween: async (from, to) => (await items.listRaisedBetween(londonDate(from), shiftDate(londonDate(to), 1))).filter((t) => t.status !== 'withdrawn' && Date.parse(t.raisedAt) < to.getTime() && Date.parse(t.raisedAt) >= from.getTime()).map(await factWithForum()),
      closedBetween: async (from, to) => (await items.listClosedBetween(londonDate(from), shiftDate(londonDate(to), 1))).filter((t) => t.status === 'closed' && !!t.closedAt && Date.parse(t.closedAt) < to.getTime() && Date.parse(t.closedAt) >= from.getTime()).map(await factWithForum()),
      // Open items say who is doing them, as a team's name (the item's team, else its owner's): never a person's name.
      open: async () => {
        const active = await items.listActive();
        const [teams, owners] = await Promise.all([s.teams.list(), s.people.getMany([...new Set(active.map((t) => t.ownerId))])]);
        const teamName = new Map(teams.map((t) => [t.id, t.name]));
        const who = (t: TrackerItem) => teamName.get(t.teamId ?? owners.get(t.ownerId)?.teamId ?? '');
        const fact = await factWithForum();
        return active.map((t) => ({ ...fact(t), who: who(t) && `the ${who(t)} team` }));
      },
    },
    forums: forumCalendarFrom(forumStore),
    audits: new TablePromiseAuditStore(client(TABLES.promiseAudits)),
    cohort: {
      async groupCounts() {
        const children = await s.children.list();
        const byGroup: Partial<Record<string, number>> = {};
        for (const c of children) for (const g of c.groups) byGroup[g] = (byGroup[g] ?? 0) + 1;
        return { total: children.length, byGroup };
      },
    },
    teams: s.teams,
    outbox: s.outbox,
    calendar: s.calendar,
    clock: s.clock,
    promises: promisesFrom(s.config),
    // The same guard, with the same settings, as the outbox's last check: a quote the digest lets through is not stopped there.
    guard: textGuard((text) => findPii(text, piiOptions)),
    councilName: s.config.COUNCIL_NAME,
    channelFor: async (audience) => (await mappings.get(audience))?.channelId,
    teamChannel: async (teamId) => (await mappings.get(`team:${teamId}`))?.channelId,
    ciccFacilitators: async () => [...new Set((await forumStore.list()).filter((f) => f.type === 'CICC').flatMap((f) => f.facilitatorIds))],
    links: exportLinks(secrets, baseUrl, s.clock),
    recordTold: (o) => recordToldByDigest({ items, audit: s.audit, clock: s.clock }, o),
    async forumPrintable(forumId, originalDate) {
      const forum = (await forumStore.get(forumId))?.value;
      const occurrence = forum && PRINTABLE_FORUM_TYPES.includes(forum.type) ? occurrenceOn(forum, originalDate) : undefined;
      if (!forum || !occurrence) return undefined;
      const said = await forumYouSaidWeDid({ tracker: forumItems, piiCheck: piiCheckWith(piiOptions) }, forum, occurrence);
      return { forumName: forum.name, dateWords: dateInWords(occurrence.date), ...said.shareable };
    },
  };
}

let built: DigestServices | undefined;
/** The process-wide digest services, built on first use from getServices(). */
export const digestServices = (s: Services): DigestServices => (built ??= buildDigestServices(s));
export const resetDigestServices = (): void => {
  built = undefined;
};
