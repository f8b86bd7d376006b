// The digests' builder: hands the stores (adapters/tables buildStores) and settings to the facts and rules
// in core/digests. It holds no rule of its own.
import { TablePromiseAuditStore } from '../../adapters/tables/promise-audit-store';
import { exportLinks, LINK_TTL_MINUTES, type ExportLinks } from '../../adapters/links/signed-links';
import { exportBaseUrl, forumPrintPath, linkSecrets } from '../export-links';
import type { WorkingCalendar } from '../../core/calendar';
import type { Clock } from '../../core/clock';
import type { Promise_ } from '../../core/model';
import type { Outbox } from '../../core/ports';
import { dateInWords, forumYouSaidWeDid, occurrenceOn, piiCheckWith, PRINTABLE_FORUM_TYPES } from '../../core/forums';
import type { ForumPrintableView, TextGuard, CpbFacts } from '../../core/digests';
import { randomId } from '../../core/clock';
import { DomainError } from '../../core/errors';
import { cohortFrom, exampleFactsFrom, forumCalendarFrom, trackerFactsFrom, voiceFactsFrom } from '../../core/digests';
import { findPii, textGuard } from '../../core/pii';
import { piiGuardOptions } from '../pii-settings';
import { forumTracker, recordToldByDigest } from '../../core/tracker';
import type { Services } from './services-types';
import type { CaseAuditFacts } from '../../core/audits';
import type { ExitStore } from '../../core/exits';
import { promisesFrom, type PiiConfig } from './participation';

/** Everything the digest timers, the export link and the bot's digest handlers need: the facts (core/digests/cpb/cpb.ts) and more. */
export interface DigestServices extends CpbFacts {
  /** Case-file audits of voice (docs/audits.md). */
  caseAudits?: CaseAuditFacts;
  /** Exit conversations, by the day the care episode or pathway support ended (core/exits). */
  exits?: Pick<ExitStore, 'endedBetween'>;
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

// The CICC audit store and the signed download links live in adapters/tables/promise-audit-store.ts,
// adapters/links/signed-links.ts and functions/export-links.ts; exported here too for their callers.
export { TablePromiseAuditStore, exportLinks, LINK_TTL_MINUTES, type ExportLinks, exportBaseUrl, forumPrintPath, linkSecrets };

/** The app settings the digests read: the PII guard's, the council's name and the export links' secrets. */
export type DigestConfig = PiiConfig & Parameters<typeof linkSecrets>[0] & Parameters<typeof exportBaseUrl>[0];

/** What the digests are built from: the app's stores and services, and their settings. */
export type DigestSources = Pick<
  Services,
  'meetings' | 'children' | 'people' | 'teams' | 'audit' | 'surveys' | 'activities' | 'voice' | 'outbox' | 'calendar' | 'clock'
  | 'examples' | 'trackerItems' | 'forums' | 'channelMappings' | 'promiseAudits' | 'caseAudits' | 'exitFeature'
> & { config: DigestConfig };

export function buildDigestServices(s: DigestSources): DigestServices {
  const { trackerItems: items, forums: forumStore, channelMappings: mappings } = s;
  const secrets = linkSecrets(s.config);
  const piiOptions = piiGuardOptions(s.config, { clock: s.clock, promises: promisesFrom(s.config) });
  const baseUrl = exportBaseUrl(s.config);
  const forumItems = forumTracker({ items, audit: s.audit, people: s.people, clock: s.clock, newId: randomId, pii: (t) => findPii(t, piiOptions) }, async () => {
    throw new DomainError('CONFLICT', 'The printable page only reads items.');
  });
  return {
    voice: voiceFactsFrom(s),
    participation: { surveys: s.surveys, activities: s.activities },
    caseAudits: s.caseAudits,
    exits: s.exitFeature.exits,
    examples: exampleFactsFrom(s.examples),
    tracker: trackerFactsFrom({ items, forums: forumStore, teams: s.teams, people: s.people }),
    forums: forumCalendarFrom(forumStore),
    audits: s.promiseAudits,
    cohort: cohortFrom(s.children),
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
