import { ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { AuthenticationProvider } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';

export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/** Graph's bearer tokens from an Azure credential, through the Graph SDK's own provider (MSAL caches each token). */
export function graphAuthProvider(credential: TokenCredential): AuthenticationProvider {
  return new TokenCredentialAuthenticationProvider(credential, { scopes: [GRAPH_SCOPE] });
}

/**
 * Graph tokens as the app's user-assigned managed identity, no secret anywhere. @azure/identity finds the
 * platform's token endpoint itself (IDENTITY_ENDPOINT and IDENTITY_HEADER on App Service and Functions).
 */
export function managedIdentityAuth(clientId: string): AuthenticationProvider {
  return graphAuthProvider(new ManagedIdentityCredential({ clientId }));
}
