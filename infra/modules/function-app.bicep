// The Function App on Flex Consumption (Linux, Node 22), running as the user-assigned managed identity.
param location string
param planName string
param appName string
param identityResourceId string
param identityClientId string
param tenantId string
param storageAccountName string
param storageBlobEndpoint string
param storageTableEndpoint string
param storageQueueEndpoint string
param deploymentContainerName string
param appInsightsConnectionString string
param maximumInstanceCount int
param instanceMemoryMB int
param tags { *: string }

param tablePrefix string
param keyVaultName string
param exportLinkSecretName string
@description('Client id of the app registration people sign in to for imports and exports (App Service Authentication); empty: sign-in is off and the exports answer 503.')
param signInClientId string = ''
@description('Council settings (app-setting name -> value); an empty value keeps the app\'s default.')
param councilSettings { *: string }

// Every app setting, in `var ...Settings` blocks: tests/integration/infra.test.ts checks each name against
// functions/config.ts (or the documented Functions-runtime settings), and the other way round.
var runtimeSettings = {
  // Functions runtime: its own storage, by identity (no connection string, no key)
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
}

var identitySettings = {
  // The app's tables and queues (also the queue triggers' connection), and the blobs the nightly table
  // backup writes to (container table-backups), by identity
  STORAGE_CONNECTION__tableServiceUri: storageTableEndpoint
  STORAGE_CONNECTION__queueServiceUri: storageQueueEndpoint
  STORAGE_CONNECTION__blobServiceUri: storageBlobEndpoint
  STORAGE_CONNECTION__credential: 'managedidentity'
  STORAGE_CONNECTION__clientId: identityClientId
  TABLE_PREFIX: tablePrefix
  // Bot Framework and Graph: the bot is the managed identity, so there is no password anywhere
  MicrosoftAppType: 'UserAssignedMSI'
  MicrosoftAppId: identityClientId
  MicrosoftAppTenantId: tenantId
}

// Secrets: Key Vault references, resolved by the platform with the managed identity.
var secretSettings = {
  EXPORT_LINK_SECRET: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${exportLinkSecretName})'
}

var chosenCouncilSettings = toObject(filter(items(councilSettings), s => !empty(s.value)), s => s.key, s => s.value)
var appSettings = union(runtimeSettings, identitySettings, secretSettings, chosenCouncilSettings)

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityResourceId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityResourceId
    // Reachable from the internet: Teams' Bot Connector calls /api/messages (inbound restrictions: docs/deploy.md).
    publicNetworkAccess: 'Enabled'
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      remoteDebuggingEnabled: false
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityResourceId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: { name: 'node', version: '22' }
    }
  }
}

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: appSettings
}

// Basic-auth publishing off: deployments sign in with Entra ID.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: { allow: false }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: { allow: false }
}

// App Service Authentication (Entra ID): validates a person's token for the council's tenant and hands the app
// who they are (x-ms-client-principal; the app sees WEBSITE_AUTH_ENABLED=True). Requests without a token
// still reach the app, which decides per endpoint; the bot and the signed download links carry their own proof.
resource signIn 'Microsoft.Web/sites/config@2024-04-01' = if (!empty(signInClientId)) {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
      excludedPaths: [ '/api/messages', '/api/digests/export', '/api/health' ]
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: signInClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [ signInClientId, 'api://${signInClientId}' ]
        }
      }
    }
    login: { tokenStore: { enabled: false } }
    httpSettings: { requireHttps: true }
  }
}

output id string = site.id
output name string = site.name
output hostName string = site.properties.defaultHostName
