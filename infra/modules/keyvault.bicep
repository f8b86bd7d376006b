// Key Vault with Azure RBAC (no access policies) for any secret the app ever needs; the app reads it
// through Key Vault references with its managed identity.
param location string
param name string
param workspaceId string
@secure()
@description('Key for the HMAC-signed export links (a fresh one each provisioning unless given).')
param exportLinkSecret string
param tags { *: string }

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    // Only the app's identity reads secrets, through Key Vault references: no VM, disk or template may.
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    // Key Vault references from Flex Consumption without VNet integration need the public endpoint (docs/deploy.md).
    publicNetworkAccess: 'Enabled'
  }
}

// The app reads it through a Key Vault reference (EXPORT_LINK_SECRET); it never appears in app settings.
resource exportLinkKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'export-link-secret'
  properties: {
    value: exportLinkSecret
    contentType: 'HMAC key for export links'
  }
}

resource auditLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit'
  scope: vault
  properties: {
    workspaceId: workspaceId
    logs: [{ categoryGroup: 'audit', enabled: true }]
  }
}

output id string = vault.id
output name string = vault.name
output uri string = vault.properties.vaultUri
output exportLinkSecretName string = exportLinkKey.name
