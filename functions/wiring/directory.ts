import { conversationForPerson, createDirectory } from '../../adapters/graph';
import type { Directory } from '../../core/directory';
import { DomainError } from '../../core/errors';
import type { ConversationRecord, Person, Role } from '../../core/model';
import type { ConversationStore, PersonStore } from '../../core/ports';
import type { Config } from '../config';

/**
 * Microsoft Graph, when the app runs in a tenant: only with an app identity and something to use it for
 * (role groups, or the app's catalogue id for proactive installation). Locally there is none.
 */
export function buildDirectory(
  config: Pick<Config, 'ROLE_GROUPS' | 'TEAMS_APP_CATALOG_ID' | 'MicrosoftAppId' | 'IDENTITY_ENDPOINT' | 'IDENTITY_HEADER'>,
  overrides: { graphBaseUrl?: string; warn?: (m: string) => void } = {},
): Directory | undefined {
  const roleGroups = config.ROLE_GROUPS;
  const wanted = Object.keys(roleGroups).length > 0 || Boolean(config.TEAMS_APP_CATALOG_ID);
  if (!config.MicrosoftAppId || !wanted) return undefined;
  return createDirectory({
    clientId: config.MicrosoftAppId,
    managedIdentity: Boolean(config.IDENTITY_ENDPOINT && config.IDENTITY_HEADER),
    roleGroups,
    warn: overrides.warn ?? ((m) => console.warn(m)),
    ...(overrides.graphBaseUrl ? { graphBaseUrl: overrides.graphBaseUrl } : {}),
  });
}

/**
 * People as every role check sees them. A role that ROLE_GROUPS manages comes from its Entra groups alone:
 * someone removed from the group loses it within the cache time, whatever an import said. Other roles come
 * from the import. If Graph cannot answer, the managed roles are withheld (fail closed) and it is logged.
 */
export function withDirectoryRoles<P extends Pick<PersonStore, 'get'>>(
  people: P,
  directory: Pick<Directory, 'rolesFor'>,
  o: { managedRoles: readonly Role[]; warn?: (m: string) => void },
): P {
  const warn = o.warn ?? ((m: string) => console.warn(m));
  const get = async (id: string): Promise<Person | undefined> => {
    const person = await people.get(id);
    if (!person) return undefined;
    const imported = person.roles.filter((r) => !o.managedRoles.includes(r));
    try {
      const fromGroups = await directory.rolesFor(id);
      return { ...person, roles: [...new Set([...imported, ...fromGroups])] };
    } catch (err) {
      warn(`roles from Entra groups unavailable for ${id}, so ${o.managedRoles.join(', ')} withheld for now: ${(err as Error).message}`);
      return { ...person, roles: imported };
    }
  };
  return new Proxy(people, {
    get: (target, prop, receiver) => {
      if (prop === 'get') return get;
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * Conversations as the outbox sees them: a person the bot has never spoken to is reached by installing the
 * app for them through Graph (409 = already installed). When the tenant refuses, there is still no
 * conversation, and the outbox records the message as undeliverable (and the manager is told).
 */
export function reachableConversations(
  conversations: Pick<ConversationStore, 'get' | 'save'>,
  o: { directory: Pick<Directory, 'installAppForUser'>; teamsAppId: string; botId: string; tenantId: string; serviceUrl?: string },
): Pick<ConversationStore, 'get'> {
  return {
    async get(key: string): Promise<ConversationRecord | undefined> {
      const stored = await conversations.get(key);
      if (stored || !key.startsWith('person:')) return stored;
      try {
        return await conversationForPerson({ ...o, conversations }, key.slice('person:'.length));
      } catch (err) {
        if (err instanceof DomainError && (err.code === 'FORBIDDEN' || err.code === 'NOT_FOUND')) return undefined;
        throw err;
      }
    },
  };
}
