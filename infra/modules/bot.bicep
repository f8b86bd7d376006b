// The Azure Bot, signed in as the app's user-assigned managed identity (no password), on Teams only.
param name string
param displayName string
param endpoint string
param identityResourceId string
param identityClientId string
param tenantId string
@allowed(['F0', 'S1'])
param sku string
param tags { *: string }

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: { name: sku }
  properties: {
    displayName: displayName
    endpoint: endpoint
    msaAppType: 'UserAssignedMSI'
    msaAppId: identityClientId
    msaAppMSIResourceId: identityResourceId
    msaAppTenantId: tenantId
    // No channel secrets (Web Chat, Direct Line keys): nothing but Entra ID tokens reaches the bot.
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true }
  }
}

output name string = bot.name
