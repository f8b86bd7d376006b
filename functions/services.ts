import { createTableStores } from '../adapters/tables';
import { englandAndWales } from '../core/calendar';
import { systemClock, randomId } from '../core/clock';
import type { Role } from '../core/model';
import { TableConversationStore } from '../adapters/tables/conversation-store';
import type { StorageOperations } from '../adapters/tables/client';
import { createOutbox } from '../adapters/outbox';
import { loadConfig, type Config } from './config';
import { tablesConfigOf } from './storage-config';
import { stopSenderOnShutdown } from './shutdown';
import { buildDirectory, reachableConversations, withDirectoryRoles } from './directory-services';

export { tablesConfigOf };
import { buildVoiceServices } from './voice-services';
import { buildAdmin } from './admin-services';
import { buildParticipation, promisesFrom } from './tracker-services';
import { piiGuardOptions } from './pii-settings';
import { buildForumServices } from './forum-services';
import { buildDigestFeature } from './digest-feature';
import { buildDigestServices } from './digest-services';
import type { Services } from './services-types';
import { findPii } from '../core/pii';

export type { Services } from './services-types';

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
    get digests(): Services['digests'] {
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
