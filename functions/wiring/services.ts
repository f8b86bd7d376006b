// The composition root: every store once (buildStores), then each feature from the stores it uses and the
// settings it reads. Loaded inside a handler (functions/lazy.ts), never when the app starts.
import { buildStores } from '../../adapters/tables';
import type { StorageOperations } from '../../adapters/tables/client';
import { createOutbox } from '../../adapters/outbox';
import { englandAndWales } from '../../core/calendar';
import { randomId, systemClock } from '../../core/clock';
import type { Role } from '../../core/model';
import { findPii } from '../../core/pii';
import { loadConfig, type Config } from '../config';
import { buildDigestFeature } from '../../bot/features';
import { piiGuardOptions } from '../pii-settings';
import { stopSenderOnShutdown } from '../shutdown';
import { buildAdmin } from './admin';
import { buildDigestServices, type DigestServices } from './digests';
import { buildDirectory, reachableConversations, withDirectoryRoles } from './directory';
import { buildForumServices } from './forums';
import { buildParticipation, promisesFrom } from './participation';
import type { Services } from './services-types';
import { tablesConfigOf } from './storage-config';
import { buildVoiceServices } from './voice';
import { botFeatures } from './bot-features';
import { buildCaseAudits } from './audits';
import { readPastedCsv } from '../import-body';
import { DEFAULT_THRESHOLD } from '../../core/safety';

export { tablesConfigOf };
export type { Services } from './services-types';

/**
 * Builds the services from a config (tests pass their own). Nothing touches storage until first use.
 * `operations` counts every table request (the bench prints storage operations per row).
 */
export function buildServices(config: Config, opts: { operations?: StorageOperations } = {}): Services {
  const tables = { ...tablesConfigOf(config), ...(opts.operations ? { operations: opts.operations } : {}) };
  // Every store, once; each feature below takes the ones it uses.
  const tableStores = buildStores(tables);
  const { conversations } = tableStores;
  // In a tenant: roles also from Entra groups, and workers without the app reached by installing it.
  const directory = buildDirectory(config);
  const stores = directory ? { ...tableStores, people: withDirectoryRoles(tableStores.people, directory, { managedRoles: Object.keys(config.ROLE_GROUPS) as Role[] }) } : tableStores;
  const reach =
    directory && config.TEAMS_APP_CATALOG_ID && config.MicrosoftAppId && config.MicrosoftAppTenantId
      ? reachableConversations(conversations, { directory, teamsAppId: config.TEAMS_APP_CATALOG_ID, botId: config.MicrosoftAppId, tenantId: config.MicrosoftAppTenantId })
      : conversations;
  // The council's promises and the PII guard's settings, read once: the outbox's last check and the features agree.
  const promises = promisesFrom(config);
  const piiOptions = piiGuardOptions(config, { clock: systemClock, promises });
  const { outbox, sender: outboxSender } = createOutbox({
    tables,
    clock: systemClock,
    conversations: reach,
    audit: stores.audit,
    auth: config,
    log: (message) => console.warn(message),
    guard: piiOptions,
  });
  const base = { config, ...stores, conversations, outbox, outboxSender, calendar: englandAndWales, clock: systemClock };
  const participation = buildParticipation(base);
  const forumFeature = buildForumServices({ ...base, trackerItems: participation.items });
  const voice = buildVoiceServices(base);
  const caseAuditing = buildCaseAudits(base);
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
      promises,
      promiseIds: promises.map((p) => p.id),
    },
    caseAuditing,
    exitFeature: {
      exits: stores.voiceTables.exits,
      children: base.children,
      people: base.people,
      covers: voice.covers,
      items: participation.items,
      audit: base.audit,
      clock: base.clock,
      calendar: base.calendar,
      pii: participation.pii,
    },
    surveyFeature: {
      surveys: base.surveys,
      items: participation.items,
      teams: base.teams,
      people: base.people,
      audit: base.audit,
      clock: base.clock,
      calendar: base.calendar,
      pii: participation.pii,
      readCsv: readPastedCsv,
      suppressBelow: DEFAULT_THRESHOLD,
    },
    // Built on first use: the digests read the finished services object.
    get digests(): Services['digests'] {
      const digests = buildDigestFeature({
        digests: digestServicesOf(services),
        people: base.people,
        tracker: { items: participation.items, audit: base.audit, people: base.people, clock: base.clock },
        forums: forumFeature.forums,
        audit: base.audit,
      });
      Object.defineProperty(services, 'digests', { value: digests });
      return digests;
    },
    get features(): Services['features'] {
      return botFeatures(services);
    },
  };
  return services;
}

const digestServices = new WeakMap<Services, DigestServices>();
/** The digests' stores and rules (timers, export links, the bot's digest handlers), built once per services object. */
export function digestServicesOf(s: Services): DigestServices {
  let d = digestServices.get(s);
  if (!d) digestServices.set(s, (d = buildDigestServices(s)));
  return d;
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
