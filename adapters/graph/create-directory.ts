import type { Clock } from '../../core/clock';
import type { RoleGroups } from '../../core/directory/ports';
import { createGraphClient } from './client';
import { GraphDirectory } from './graph-directory';
import { clientSecretToken, managedIdentityToken, type TokenSource } from './token';

export interface DirectorySettings {
  /** The app identity's client id (the bot id: MicrosoftAppId). */
  clientId: string;
  tenantId?: string;
  /** Set by the platform in Azure (IDENTITY_ENDPOINT, IDENTITY_HEADER): the managed identity is used. */
  identityEndpoint?: string;
  identityHeader?: string;
  /** Only where no managed identity is available (an app registration's secret, from Key Vault). */
  clientSecret?: string;
  roleGroups?: RoleGroups;
  roleCacheTtlMs?: number;
  /** Tests point this at a local Graph stand-in. */
  graphBaseUrl?: string;
  authorityHost?: string;
  clock?: Clock;
  warn?: (message: string) => void;
}

/** The Graph directory, signed in as the managed identity when there is one, else by client secret. */
export function createDirectory(settings: DirectorySettings): GraphDirectory {
  return new GraphDirectory({
    client: createGraphClient({ tokens: tokenSourceFor(settings), baseUrl: settings.graphBaseUrl }),
    roleGroups: settings.roleGroups,
    roleCacheTtlMs: settings.roleCacheTtlMs,
    clock: settings.clock,
    warn: settings.warn,
  });
}

function tokenSourceFor(s: DirectorySettings): TokenSource {
  if (s.identityEndpoint && s.identityHeader) {
    return managedIdentityToken({ endpoint: s.identityEndpoint, header: s.identityHeader, clientId: s.clientId });
  }
  if (s.clientSecret && s.tenantId) {
    return clientSecretToken({ tenantId: s.tenantId, clientId: s.clientId, clientSecret: s.clientSecret, authorityHost: s.authorityHost });
  }
  throw new Error('Graph needs the managed identity (IDENTITY_ENDPOINT and IDENTITY_HEADER) or a tenant id and client secret');
}
