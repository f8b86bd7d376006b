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

@description('Days each audit-trail blob is immutable (nobody, the app included, can change or delete it), then deleted. Keep it at RETENTION_JSON auditYears x 365.25 (7 years by default).')
@minValue(365)
@maxValue(146000)
param auditRetentionDays int = 2557

@description('True once the audit trail\'s immutability policy has been locked (docs/deploy.md, section 3): a locked policy cannot be deployed over, so the template then leaves it as it is.')
param auditImmutabilityLocked bool = false

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
@description('Other Entra tenants whose Teams activities the bot serves besides its own, comma-separated; empty: the council\'s tenant only.')
param allowedTenantIds string = ''
@description('The case system\'s nightly import, the one caller allowed with a function key and no person signed in (e.g. liquidlogic-nightly); empty: every import needs an administrator signed in.')
param importCaller string = ''
@description('Client id of the app registration people sign in to for imports and exports (docs/deploy.md); empty: sign-in is off.')
param signInClientId string = ''
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
@description('Child protection core groups after the first meet at least this often, in weeks; empty for the default (6).')
param coreGroupIntervalWeeks string = ''
@description('Children sampled per team for each month\'s case-file audit of voice; empty for the default (2) (docs/audits.md).')
param auditSamplePerTeam string = ''
@description('Per-council import column names, JSON (docs/import.md).')
param importColumnMap string = ''
@description('Largest import body accepted, in bytes (413 above it); empty for 50 MB (docs/import.md).')
param importMaxBytes string = ''
@description('Most rows an import file may hold; empty for 200,000.')
param importMaxRows string = ''
@description('A snapshot marking gone or cancelling more than this percentage of what is on file (and more than the records below) waits for an admin; empty for 5.')
param importDeleteThresholdPercent string = ''
@description('The accidental-delete threshold in records, per kind; empty for 20.')
param importDeleteThresholdRecords string = ''
@description('How long each kind of record is kept, JSON, e.g. {"outboxDays":60} (docs/retention.md).')
param retentionJson string = ''
@description('Months before the shipped bank-holiday list runs out that admins are warned.')
param bankHolidayWarningMonths string = ''
@description('The council\'s own case and person number formats for the PII guard: a JSON array of regular expressions (docs/examples.md).')
param piiCaseRefPatterns string = ''
@description('Places that identify a child (estates, homes, streets, schools) for the PII guard: a JSON array or ";"-separated (docs/examples.md).')
param piiGazetteer string = ''

@secure()
@description('Key for signed export links; a new random one each provisioning (outstanding links then expire early).')
param exportLinkSecret string = newGuid()

param tags { *: string } = { application: 'golden-thread' }

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
  ALLOWED_TENANT_IDS: allowedTenantIds
  IMPORT_CALLER: importCaller
  VOICE_SCHEDULE_JSON: voiceScheduleJson
  VOICE_DAY_ZERO: voiceDayZero
  NUDGE_TIME: nudgeTime
  ADVOCACY_MIN_AGE: advocacyMinAge
  NUDGE_HORIZON_WORKING_DAYS: nudgeHorizonWorkingDays
  COVER_MAX_DAYS: coverMaxDays
  CORE_GROUP_INTERVAL_WEEKS: coreGroupIntervalWeeks
  AUDIT_SAMPLE_PER_TEAM: auditSamplePerTeam
  IMPORT_COLUMN_MAP: importColumnMap
  IMPORT_MAX_BYTES: importMaxBytes
  IMPORT_MAX_ROWS: importMaxRows
  IMPORT_DELETE_THRESHOLD_PERCENT: importDeleteThresholdPercent
  IMPORT_DELETE_THRESHOLD_RECORDS: importDeleteThresholdRecords
  RETENTION_JSON: retentionJson
  BANK_HOLIDAY_WARNING_MONTHS: bankHolidayWarningMonths
  PII_CASE_REF_PATTERNS: piiCaseRefPatterns
  PII_GAZETTEER: piiGazetteer
}
var deploymentContainerName = 'app-package'
var backupContainerName = 'table-backups'
var auditContainerName = 'audit-trail' // AUDIT_CONTAINER in adapters/audit/append-blob-trail.ts

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  params: {
    location: location
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    retentionInDays: logRetentionDays
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  params: {
    location: location
    name: names.storage
    sku: storageSku
    deploymentContainerName: deploymentContainerName
    backupContainerName: backupContainerName
    backupRetentionDays: backupRetentionDays
    auditContainerName: auditContainerName
    auditRetentionDays: auditRetentionDays
    auditImmutabilityLocked: auditImmutabilityLocked
    workspaceId: monitoring.outputs.workspaceId
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  params: {
    location: location
    name: names.keyVault
    workspaceId: monitoring.outputs.workspaceId
    exportLinkSecret: exportLinkSecret
    tags: tags
  }
}

// Names known before deployment (not the modules' outputs), so What-If can show each role assignment.
module roles 'modules/roles.bicep' = {
  dependsOn: [storage, monitoring, keyVault]
  params: {
    identityName: identity.name
    storageAccountName: names.storage
    appInsightsName: names.appInsights
    keyVaultName: names.keyVault
  }
}

module functionApp 'modules/function-app.bicep' = {
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
    signInClientId: signInClientId
    tags: tags
  }
}

module bot 'modules/bot.bicep' = {
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
output AUDIT_TRAIL_CONTAINER string = auditContainerName
output KEY_VAULT_NAME string = keyVault.outputs.name
output APPLICATION_INSIGHTS_NAME string = monitoring.outputs.appInsightsName
