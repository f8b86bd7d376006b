import { createTableStores } from '../adapters/tables';
import { englandAndWales, type WorkingCalendar } from '../core/calendar/working-days';
import { systemClock, type Clock } from '../core/clock';
import type { Role } from '../core/model/person';
import type { AuditLog, ChildStore, ConversationStore, MeetingStore, PersonStore, TeamStore } from '../core/ports';
import { TableConversationStore } from '../adapters/tables/conversation-store';
import type { StorageOperations } from '../adapters/tables/client';
import { createOutbox, type OutboxSender, type TableOutboxStore } from '../adapters/outbox';
import type { ImportJobs, TableChildStore, TableMeetingStore, TablePersonStore, TableTeamStore } from '../adapters/tables';
import { loadConfig, type Config } from './config';
import { tablesConfigOf } from './storage-config';
import { stopSenderOnShutdown } from './shutdown';
import { buildDirectory, reachableConversations, withDirectoryRoles } from './directory-services';

export { tablesConfigOf };
import type { VoiceServices } from '../core/voice/runtime';
import { buildVoiceServices } from './voice-services';
import type { AdminFeature } from '../core/admin';
import { buildAdmin } from './admin-services';
import { buildParticipation, promisesFrom, type ParticipationServices } from './tracker-services';
import { piiGuardOptions } from './pii-settings';
import { buildForumServices, type ForumServices } from './forum-services';
import { buildDigestFeature } from './digest-feature';
import { buildDigestServices } from './digest-services';
import type { DigestFeature } from '../core/digests/feature';
import type { SurveyStore } from '../core/surveys';
import type { ActivityFeature, ActivityStore } from '../core/activities';
import { findPii } from '../core/pii';
import { randomId } from '../core/clock';

/**
 * The composition root of the function app: config, stores and rules, built once per process.
 * A plain object: add a field here (and in buildServices) for each new adapter.
 */
export interface Services {
  config: Config;
  children: ChildStore & Pick<TableChildStore, 'getMany' | 'update' | 'list'>;
  people: PersonStore & Pick<TablePersonStore, 'getMany' | 'getVersioned' | 'update'>;
  teams: TeamStore & Pick<TableTeamStore, 'getMany' | 'getVersioned' | 'update'>;
  meetings: MeetingStore & Pick<TableMeetingStore, 'getMany' | 'update'>;
  audit: AuditLog;
  /** Results of imports, and large files waiting for the import worker. */
  importJobs: ImportJobs;
  /** Surveys' aggregate results and group participation activities, one table (docs/surveys-and-activities.md). */
  surveys: SurveyStore;
  activities: ActivityStore;
  conversations: ConversationStore;
  /** Enqueue proactive messages here (each dedupe key is sent once); drain with outboxSender. */
  outbox: TableOutboxStore;
  outboxSender: OutboxSender;
  calendar: WorkingCalendar;
  clock: Clock;
  /** Voice of the child: nudge schedule, records, nudge state (docs/voice.md). */
  voice: VoiceServices;
  /** Participation examples, the PII guard and "You said, we did" (docs/examples.md). */
  participation: ParticipationServices;
  /** Forums, their reminders and outcomes, and channel mappings (docs/forums.md). */
  forumFeature: ForumServices;
  /** `report`, the CICC audit and "Ask about this" (docs/digests.md); the digests themselves run from their timers. */
  digests: DigestFeature;
  /** The admin view in Teams: outbox, undelivered nudges, bank-holiday data, pause, delete a post (docs/admin.md). */
  admin: AdminFeature;
  /** Group participation logged by card (docs/surveys-and-activities.md). */
  activityFeature: ActivityFeature;
}

/**
 * Builds the services from a config (tests pass their own). Nothing touches storage until first use.
 * `operations` counts every table request (the bench prints storage operations per row).
 */
export function buildServices(config: Config, opts: { operations?: StorageOperations } = {}): Services {
  const tables = { ...tablesConfigOf(config), ...(opts.operations ? { operations: opts.operations } : {}) };
  const tableStores = createTableStores(tables);
  const conversations = new TableConversationStore(tables);
  // In a tenant: roles also from Entra groups, and workers without the app reached by installing it.
  const directory = buildDirectory(config);
  const stores = directory ? { ...tableStores, people: withDirectoryRoles(tableStores.people, directory, { managedRoles: Object.keys(config.ROLE_GROUPS) as Role[] }) } : tableStores;
  const reach =
    directory && config.TEAMS_APP_CATALOG_ID && config.MicrosoftAppId && config.MicrosoftAppTenantId
      ? reachableConversations(conversations, { directory, teamsAppId: config.TEAMS_APP_CATALOG_ID, botId: config.MicrosoftAppId, tenantId: config.MicrosoftAppTenantId })
      : conversations;
  const { outbox, sender: outboxSender } = createOutbox({
    tables,
    clock: systemClock,
    conversations: reach,
    audit: stores.audit,
    auth: config,
    log: (message) => console.warn(message),
    guard: piiGuardOptions(config, { clock: systemClock, promises: promisesFrom(config) }),
  });
  const base = { config, ...stores, conversations, outbox, outboxSender, calendar: englandAndWales, clock: systemClock };
  const participation = buildParticipation(base);
  const piiOptions = piiGuardOptions(config, { clock: base.clock, promises: promisesFrom(config) });
  const forumFeature = buildForumServices({ ...base, trackerItems: participation.items });
  const voice = buildVoiceServices(base);
  const services: Services = {
    ...base,
    voice,
    admin: buildAdmin({ ...base, voice, imports: base }),
    participation,
    forumFeature,
    activityFeature: {
      activities: base.activities,
      audit: base.audit,
      people: base.people,
      clock: base.clock,
      newId: randomId,
      pii: (text) => findPii(text, piiOptions),
      promises: promisesFrom(config),
      promiseIds: promisesFrom(config).map((p) => p.id),
    },
    // Built on first use: digestServices reads the finished services object.
    get digests(): DigestFeature {
      const digests = buildDigestFeature({
        digests: buildDigestServices(services),
        people: base.people,
        tracker: { items: participation.items, audit: base.audit, people: base.people, clock: base.clock },
        forums: forumFeature.forums,
        audit: base.audit,
      });
      Object.defineProperty(services, 'digests', { value: digests });
      return digests;
    },
  };
  return services;
}

let services: Services | undefined;

/** The process-wide services, built on first call from the app settings. */
export function getServices(): Services {
  if (!services) {
    services = buildServices(loadConfig());
    stopSenderOnShutdown(services.outboxSender);
  }
  return services;
}

/** For tests that change the environment. */
export const resetServices = (): void => {
  services = undefined;
};
