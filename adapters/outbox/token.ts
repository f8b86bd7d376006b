/** The app settings that decide how the outbox authenticates to the Bot Connector (same names as the bot's). */
export interface ConnectorAuthConfig {
  MicrosoftAppId?: string;
  MicrosoftAppPassword?: string;
  MicrosoftAppType: 'SingleTenant' | 'UserAssignedMSI' | 'MultiTenant';
  MicrosoftAppTenantId?: string;
}

/**
 * A bearer-token source for the Bot Connector. No app id (local): no token. Otherwise botbuilder's own
 * credential factory (password, single-tenant or managed identity), loaded only then, which caches tokens.
 */
export function connectorToken(config: ConnectorAuthConfig): () => Promise<string | undefined> {
  if (!config.MicrosoftAppId) return async () => undefined;
  const appId = config.MicrosoftAppId;
  let credentials: Promise<{ getToken(forceRefresh?: boolean): Promise<string> }> | undefined;
  return async () => {
    credentials ??= import('botbuilder').then(async ({ ConfigurationServiceClientCredentialFactory }) => {
      const factory = new ConfigurationServiceClientCredentialFactory({
        MicrosoftAppId: appId,
        MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
        MicrosoftAppType: config.MicrosoftAppType,
        MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
      });
      const made = await factory.createCredentials(
        appId,
        'https://api.botframework.com', // botframework-connector's ToChannelFromBotOAuthScope
        'https://login.microsoftonline.com/botframework.com', // its ToChannelFromBotLoginUrl (tenant from settings)
        true,
      );
      return made as unknown as { getToken(forceRefresh?: boolean): Promise<string> };
    });
    return (await credentials).getToken();
  };
}
