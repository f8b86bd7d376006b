// Golden Thread in one resource group: Function App (Flex Consumption, Linux, Node 22), Storage (tables,
// queues, the runtime's own), Azure Bot on Teams, Application Insights with Log Analytics, Key Vault,
// all reached by one user-assigned managed identity. Deployed by teamsapp.yml (arm/deploy).
targetScope = 'resourceGroup'

@description('Azure region for everything but the bot (which is global). UK South keeps data in the UK.')
param location string = 'uksouth'

@description('Base of every resource name, e.g. goldenthread-dev (letters, digits and dashes).')
@minLength(3)
@maxLength(24)
param resourceBaseName string

@description('Shown in Teams as the bot\'s name in the Azure Bot resource.')
param botDisplayName string = 'Golden Thread'

@allowed(['F0', 'S1'])
@description('Teams is a standard channel: F0 carries it without a message limit.')
param botSku string = 'F0'

@allowed(['Standard_LRS', 'Standard_ZRS'])
param storageSku string = 'Standard_ZRS'

@description('Days to keep telemetry (Log Analytics and Application Insights).')
@minValue(30)
param logRetentionDays int = 90

@description('Days to keep table backups and deleted blobs.')
@minValue(7)
param backupRetentionDays int = 35

param maximumInstanceCount int = 40
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Prefix for table and queue names (letters and digits).')
param tablePrefix string = ''

// Council settings: an empty value leaves the app's default (functions/config.ts) in force.
param councilName string = ''
param showChildInitials bool = false
@description('Deep link into the case record; {ref} is replaced by the case reference.')
param caseRecordUrl string = ''
@description('JSON array of the council\'s promises; empty for the default set.')
param promisesJson string = ''
@description('Entra group ids per role: social_worker=<id>,<id>;manager=<id> (see docs/deploy.md).')
param roleGroups string = ''
@description('The app\'s id in the organisation\'s Teams catalogue (after publishing); empty until then.')
param teamsAppCatalogId string = ''
@description('Per-meeting-type voice schedule overrides, JSON (docs/voice.md).')
param voiceScheduleJson string = ''
@allowed(['', 'event-day', 'clear-days'])
param voiceDayZero string = ''
@description('London time of the morning nudge, HH:mm.')
param nudgeTime string = ''
@description('Advocacy is offered before a first ICPC from this age; empty for the default.')
param advocacyMinAge string = ''
param nudgeHorizonWorkingDays string = ''
@description('The longest cover a worker can set for their leave, in days; empty for the default (42).')
param coverMaxDays string = ''
@description('Per-council import column names, JSON (docs/import.md).')
param importColumnMap string = ''
@description('How long each kind of record is kept, JSON, e.g. {"outboxDays":60} (docs/retention.md).')
param retentionJson string = ''
@description('Months before the shipped bank-holiday list runs out that admins are warned.')
param bankHolidayWarningMonths string = ''

@secure()
@description('Key for signed export links; a new random one each provisioning (outstanding links then expire early).')
param exportLinkSecret string = newGuid()

param tags object = { application: 'golden-thread' }

var suffix = take(uniqueString(resourceGroup().id), 6)
var compactBase = toLower(replace(resourceBaseName, '-', ''))
var names = {
  identity: 'id-${resourceBaseName}'
  workspace: 'log-${resourceBaseName}'
  appInsights: 'appi-${resourceBaseName}'
  storage: take('st${compactBase}${suffix}', 24)
  keyVault: take('kv-${take(resourceBaseName, 14)}-${suffix}', 24)
  plan: 'plan-${resourceBaseName}'
  functionApp: 'func-${resourceBaseName}-${suffix}'
  bot: 'bot-${resourceBaseName}-${suffix}'
}
// App settings the council chooses; names as in functions/config.ts.
var councilSettings = {
  COUNCIL_NAME: councilName
  SHOW_CHILD_INITIALS: showChildInitials ? 'true' : ''
  CASE_RECORD_URL: caseRecordUrl
  PROMISES_JSON: promisesJson
  ROLE_GROUPS: roleGroups
  TEAMS_APP_CATALOG_ID: teamsAppCatalogId
  VOICE_SCHEDULE_JSON: voiceScheduleJson
  VOICE_DAY_ZERO: voiceDayZero
  NUDGE_TIME: nudgeTime
  ADVOCACY_MIN_AGE: advocacyMinAge
  NUDGE_HORIZON_WORKING_DAYS: nudgeHorizonWorkingDays
  COVER_MAX_DAYS: coverMaxDays
  IMPORT_COLUMN_MAP: importColumnMap
  RETENTION_JSON: retentionJson
  BANK_HOLIDAY_WARNING_MONTHS: bankHolidayWarningMonths
}
var deploymentContainerName = 'app-package'
var backupContainerName = 'table-backups'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    retentionInDays: logRetentionDays
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    name: names.storage
    sku: storageSku
    deploymentContainerName: deploymentContainerName
    backupContainerName: backupContainerName
    backupRetentionDays: backupRetentionDays
    workspaceId: monitoring.outputs.workspaceId
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    name: names.keyVault
    workspaceId: monitoring.outputs.workspaceId
    exportLinkSecret: exportLinkSecret
    tags: tags
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    principalId: identity.properties.principalId
    storageAccountName: storage.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    keyVaultName: keyVault.outputs.name
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  dependsOn: [roles] // the app starts only once its identity may reach storage
  params: {
    location: location
    planName: names.plan
    appName: names.functionApp
    identityResourceId: identity.id
    identityClientId: identity.properties.clientId
    tenantId: identity.properties.tenantId
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    deploymentContainerName: deploymentContainerName
    appInsightsConnectionString: monitoring.outputs.connectionString
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    tablePrefix: tablePrefix
    keyVaultName: keyVault.outputs.name
    exportLinkSecretName: keyVault.outputs.exportLinkSecretName
    councilSettings: councilSettings
    tags: tags
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: names.bot
    displayName: botDisplayName
    endpoint: 'https://${functionApp.outputs.hostName}/api/messages'
    identityResourceId: identity.id
    identityClientId: identity.properties.clientId
    tenantId: identity.properties.tenantId
    sku: botSku
    tags: tags
  }
}

// Written to env/.env.<env> by the Toolkit's arm/deploy; the manifest and deploy steps read them.
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output BOT_DOMAIN string = functionApp.outputs.hostName
output BOT_ENDPOINT string = 'https://${functionApp.outputs.hostName}/api/messages'
output BOT_AZURE_FUNCTION_APP_RESOURCE_ID string = functionApp.outputs.id
output FUNCTION_APP_NAME string = functionApp.outputs.name
output MANAGED_IDENTITY_PRINCIPAL_ID string = identity.properties.principalId
output STORAGE_ACCOUNT_NAME string = storage.outputs.name
output TABLE_BACKUP_CONTAINER string = backupContainerName
output KEY_VAULT_NAME string = keyVault.outputs.name
output APPLICATION_INSIGHTS_NAME string = monitoring.outputs.appInsightsName
