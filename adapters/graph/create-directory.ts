import type { Clock } from '../../core/clock';
import type { RoleGroups } from '../../core/directory';
import type { AuthenticationProvider } from '@microsoft/microsoft-graph-client';
import { managedIdentityAuth } from './auth';
import { createGraphClient } from './client';
import { GraphDirectory } from './graph-directory';

export interface DirectorySettings {
  /** The user-assigned managed identity's client id (MicrosoftAppId: the bot is that identity). */
  clientId: string;
  /**
   * Whether the platform gives the app its managed identity (IDENTITY_ENDPOINT and IDENTITY_HEADER set);
   * @azure/identity reads them itself.
   */
  managedIdentity: boolean;
  roleGroups?: RoleGroups;
  roleCacheTtlMs?: number;
  /** Tests point this at a local Graph stand-in. */
  graphBaseUrl?: string;
  clock?: Clock;
  warn?: (message: string) => void;
}

/** The Graph directory, signed in as the app's managed identity; without one there is no Graph (fail closed). */
export function createDirectory(settings: DirectorySettings): GraphDirectory {
  return new GraphDirectory({
    client: createGraphClient({ authProvider: authFor(settings), baseUrl: settings.graphBaseUrl }),
    roleGroups: settings.roleGroups,
    roleCacheTtlMs: settings.roleCacheTtlMs,
    clock: settings.clock,
    warn: settings.warn,
  });
}

function authFor(s: DirectorySettings): AuthenticationProvider {
  if (!s.managedIdentity) throw new Error('Graph needs the managed identity (IDENTITY_ENDPOINT and IDENTITY_HEADER, which Azure sets): none is available');
  return managedIdentityAuth(s.clientId);
}
