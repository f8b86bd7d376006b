import { tablesConfigOf } from './storage-config';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import { TableChannelMappingStore } from '../adapters/tables/channel-mapping-store';
import { tableClient, type TablesConfig } from '../adapters/tables/client';
import { lazyClient, type LazyClient } from '../adapters/tables/entity';
import { TableExampleStore } from '../adapters/tables/example-store';
import { TableForumStore } from '../adapters/tables/forum-stores';
import { encodeKey } from '../adapters/tables/keys';
import { TableTrackerStore } from '../adapters/tables/tracker-store';
import { londonDate, londonInstant, type WorkingCalendar } from '../core/calendar/working-days';
import type { Clock } from '../core/clock';
import { advocacyRequired } from '../core/voice/validate';
import type { Promise_ } from '../core/model/promises';
import type { Outbox } from '../core/ports';
import { dateInWords, forumYouSaidWeDid, occurrenceOn, occurrencesBetween, piiCheckWith, previousOccurrences, PRINTABLE_FORUM_TYPES, type Forum } from '../core/forums';
import type { ForumPrintableView } from '../core/digests/cicc-printable';
import { randomId } from '../core/clock';
import { DomainError } from '../core/errors';
import type { CohortFacts, ExampleFacts, ForumCalendar, ForumOccurrence, MeetingVoiceFact, PromiseAudit, PromiseAuditStore, TextGuard, TrackerFacts, TrackerItemFact, VoiceFacts } from '../core/digests/ports';
import { shiftDate } from '../core/digests/period';
import { findPii, textGuard } from '../core/pii';
import { piiGuardOptions } from './pii-settings';
import { scheduleFor } from '../core/voice/schedule';
import { forumTracker, recordToldByDigest, toFact, type TrackerItem } from '../core/tracker';
import type { Config } from './config';
import type { Services } from './services';
import { promisesFrom } from './tracker-services';
import { TABLES } from '../adapters/tables/names';
import type { ParticipationFacts } from '../core/digests/participation';

/** Table names (before the environment prefix) the digests add. */

/** Everything the digest timers, the export link and the bot's digest handlers need. */
export interface DigestServices {
  /** Surveys and group activities (core/digests/participation.ts). */
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

/** CICC audits on Table Storage: partitioned by the month they were given, so a period reads only its months. */
export class TablePromiseAuditStore implements PromiseAuditStore {
  constructor(private readonly client: LazyClient) {}
  async save(a: PromiseAudit): Promise<void> {
    const c: TableClient = await this.client();
    // The London month, as `between` reads them: an audit late on a summer month's last evening is already
    // the next month in UTC terms only after midnight London time, never before.
    // Each answer is its own row (who and when in the key): a second answer adds, never overwrites.
    await c.upsertEntity({ partitionKey: londonDate(new Date(a.at)).slice(0, 7), rowKey: encodeKey(`${a.occurrenceId}|${a.promiseId}|${a.at}|${a.byId}`), ...a }, 'Replace');
  }
  async between(from: Date, to: Date): Promise<PromiseAudit[]> {
    const c: TableClient = await this.client();
    const out: PromiseAudit[] = [];
    for (let m = londonDate(from).slice(0, 7); m <= londonDate(to).slice(0, 7); m = shiftDate(`${m}-01`, 32).slice(0, 7)) {
      for await (const e of c.listEntities<PromiseAudit>({ queryOptions: { filter: `PartitionKey eq '${m}'` } })) {
        if (Date.parse(e.at) >= from.getTime() && Date.parse(e.at) < to.getTime())
          out.push({ occurrenceId: e.occurrenceId, promiseId: e.promiseId, verdict: e.verdict, comment: e.comment, at: e.at, byId: e.byId });
      }
    }
    return out;
  }
}

/** Where the export links point: the app in Azure, the local host otherwise. */
export const exportBaseUrl = (config: Pick<Config, 'WEBSITE_HOSTNAME' | 'LOCAL_HOST_PORT'>): string =>
  config.WEBSITE_HOSTNAME ? `https://${config.WEBSITE_HOSTNAME}` : `http://127.0.0.1:${config.LOCAL_HOST_PORT}`;

/** A forum meeting's printable "You said, we did" (digest-export.http.ts). */
export const forumPrintPath = (forumId: string, originalDate: string): string => `/api/digests/export/forum/${encodeURIComponent(`${forumId}:${originalDate}`)}`;

/** The longest a download link lives: the link is the authentication, so it is short-lived. */
export const LINK_TTL_MINUTES = 60;

/** HMAC-signed, expiring links to the HTML exports and CSVs; at most an hour (LINK_TTL_MINUTES). */
export interface ExportLinks {
  sign(path: string, ttlMinutes?: number): string;
  verify(path: string, expires: string | null, sig: string | null, now: Date): boolean;
}

/**
 * Signs with `secrets.current`; accepts `secrets.previous` too, so a key can be rotated without breaking
 * links made in the hour before (docs/deploy.md, rotating the link key).
 */
export function exportLinks(secrets: { current: string; previous?: string }, baseUrl: string, clock: Clock): ExportLinks {
  const mac = (key: string, path: string, expires: string) => createHmac('sha256', key).update(`${path}\n${expires}`).digest('base64url');
  const keys = [secrets.current, ...(secrets.previous ? [secrets.previous] : [])];
  const matches = (want: string, sig: string) => {
    const a = Buffer.from(want);
    const b = Buffer.from(sig);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  return {
    sign(path, ttlMinutes = LINK_TTL_MINUTES) {
      const minutes = Math.min(Math.max(ttlMinutes, 1), LINK_TTL_MINUTES);
      const expires = String(Math.floor(clock.now().getTime() / 1000) + minutes * 60);
      return `${baseUrl}${path}?expires=${expires}&sig=${mac(secrets.current, path, expires)}`;
    },
    verify(path, expires, sig, now) {
      if (!expires || !sig || !/^\d{1,12}$/.test(expires)) return false;
      const at = Number(expires) * 1000;
      // Expired, or claiming a life longer than any link is given (a key must never sign one).
      if (at < now.getTime() || at > now.getTime() + LINK_TTL_MINUTES * 60_000 + 60_000) return false;
      return keys.some((key) => matches(mac(key, path, expires), sig));
    },
  };
}

/** The link keys from the settings; in Azure the Key Vault secret is required (anything derived could be guessed). */
export function linkSecrets(config: Pick<Partial<Config>, 'EXPORT_LINK_SECRET' | 'EXPORT_LINK_SECRET_PREVIOUS' | 'WEBSITE_HOSTNAME' | 'MicrosoftAppPassword'> & Pick<Config, 'STORAGE_CONNECTION'>): { current: string; previous?: string } {
  // A Key Vault reference the platform could not resolve arrives as its own text: never a key.
  const usable = (v: string | undefined) => (v && !v.startsWith('@Microsoft.KeyVault(') ? v : undefined);
  const current = usable(config.EXPORT_LINK_SECRET);
  if (!current && config.WEBSITE_HOSTNAME) throw new Error('EXPORT_LINK_SECRET must be set in Azure (a Key Vault reference the app can read): it signs the report download links');
  return {
    current: current ?? createHmac('sha256', 'golden-thread-export-links').update(config.MicrosoftAppPassword ?? config.STORAGE_CONNECTION).digest('hex'),
    previous: usable(config.EXPORT_LINK_SECRET_PREVIOUS),
  };
}

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
