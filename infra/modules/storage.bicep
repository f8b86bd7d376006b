// One storage account: the app's tables and queues, the Functions runtime's own state, the deployment
// package container, table backups and the audit trail. No shared keys: everything signs in with Entra ID.
param location string
param name string
param sku string
param deploymentContainerName string
param backupContainerName string
param backupRetentionDays int
@description('The audit trail\'s container: append blobs, immutable for auditRetentionDays.')
param auditContainerName string
param auditRetentionDays int
@description('Once locked, the policy is left as it is: ARM refuses to write over a locked policy (only extend it).')
param auditImmutabilityLocked bool
@description('Log Analytics workspace that records every read, write and delete on the tables and blobs.')
param workspaceId string
param tags { *: string }

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: sku }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    // No SFTP and no local users (they would sign in with their own keys or passwords, not Entra ID).
    isSftpEnabled: false
    isLocalUserEnabled: false
    // Data never leaves for another tenant: no object replication to it, no copy from outside this Entra tenant.
    allowCrossTenantReplication: false
    allowedCopyScope: 'AAD'
    // No SAS is used by the app (shared keys are off, links are signed by the app): a user-delegation SAS
    // someone makes by hand is refused beyond an hour.
    sasPolicy: { sasExpirationPeriod: '0.01:00:00', expirationAction: 'Block' }
    // Fixed at creation only: a second layer of encryption at rest, and tables and queues on the account key
    // (not a service key), so a council can later move all four services to its own key (docs/deploy.md).
    encryption: {
      keySource: 'Microsoft.Storage'
      requireInfrastructureEncryption: true
      services: {
        blob: { enabled: true, keyType: 'Account' }
        file: { enabled: true, keyType: 'Account' }
        table: { enabled: true, keyType: 'Account' }
        queue: { enabled: true, keyType: 'Account' }
      }
    }
    accessTier: 'Hot'
    // The Function App reaches storage over the public endpoint, signed in with Entra ID (no keys): a private
    // endpoint needs a virtual network and the app's VNet integration (docs/deploy.md, security baseline).
    publicNetworkAccess: 'Enabled'
    networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: { enabled: true, days: backupRetentionDays }
    containerDeleteRetentionPolicy: { enabled: true, days: backupRetentionDays }
    isVersioningEnabled: true
  }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: { publicAccess: 'None' }
}

resource backupContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: backupContainerName
  properties: { publicAccess: 'None' }
}

// The audit trail (adapters/audit/): append blobs under a time-based retention policy that allows only
// protected appends. Until auditRetentionDays after a blob was created, nobody can overwrite, change or
// delete it, whatever their role (the app's own identity included): the service refuses. New entries can
// still be appended. Lock the policy after the first deployment (docs/deploy.md): once locked, it can be
// lengthened but never shortened or removed, and the container and account cannot be deleted while it
// holds protected blobs.
resource auditContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: auditContainerName
  properties: { publicAccess: 'None' }
}

resource auditImmutability 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2023-05-01' = if (!auditImmutabilityLocked) {
  parent: auditContainer
  name: 'default'
  properties: {
    // One blob per UTC day, appended to for up to a day after its creation: a day more keeps every entry
    // immutable for at least auditRetentionDays.
    immutabilityPeriodSinceCreationInDays: auditRetentionDays + 1
    allowProtectedAppendWrites: true
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

// Who touched the data, and when: every table and blob operation is logged (docs/data-protection.md).
var accessLogs = [
  { category: 'StorageRead', enabled: true }
  { category: 'StorageWrite', enabled: true }
  { category: 'StorageDelete', enabled: true }
]

resource tableAccessLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'data-access'
  scope: tableService
  properties: {
    workspaceId: workspaceId
    logs: accessLogs
  }
}

// Queue messages name imports and digests (ids, never a child's details), but who read or removed them is logged too.
resource queueAccessLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'data-access'
  scope: queueService
  properties: {
    workspaceId: workspaceId
    logs: accessLogs
  }
}

resource blobAccessLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'data-access'
  scope: blobService
  properties: {
    workspaceId: workspaceId
    logs: accessLogs
  }
}

// Old backups are deleted after the retention period, audit blobs a day after theirs has passed (the service
// refuses any earlier delete) (see docs/data-protection.md).
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'expire-table-backups'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: ['blockBlob'], prefixMatch: ['${backupContainerName}/'] }
            actions: {
              baseBlob: { delete: { daysAfterModificationGreaterThan: backupRetentionDays } }
              version: { delete: { daysAfterCreationGreaterThan: backupRetentionDays } }
            }
          }
        }
        {
          name: 'expire-audit-trail'
          enabled: true
          type: 'Lifecycle'
          definition: {
            // Modified no earlier than created: modified + N + 1 days is never before its immutability ends.
            filters: { blobTypes: ['appendBlob'], prefixMatch: ['${auditContainerName}/'] }
            actions: {
              baseBlob: { delete: { daysAfterModificationGreaterThan: auditRetentionDays + 1 } }
            }
          }
        }
      ]
    }
  }
}

output id string = account.id
output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output tableEndpoint string = account.properties.primaryEndpoints.table
output queueEndpoint string = account.properties.primaryEndpoints.queue
