// The secrets the function app reads through Key Vault references, and who may read them. The vault uses
// Azure RBAC: the app's identity is a Secrets User (read), the optional operator a Secrets Officer (to
// read the database connection string for migrations and the first admin key, and to rotate secrets).

@description('Azure region of the resources.')
param location string

@description('Name of the key vault.')
param vaultName string

@description('Resource id of the function app\'s managed identity (names its role assignments).')
param appIdentityId string

@description('Principal id of the function app\'s managed identity.')
param appPrincipalId string

@description('Object id of a user or group who operates the deployment; empty for none.')
param operatorPrincipalId string

@description('Type of the operator principal.')
@allowed(['User', 'Group', 'ServicePrincipal'])
param operatorPrincipalType string

@description('Npgsql connection string of the application database.')
@secure()
param databaseConnectionString string

@description('Base64 of the 32-byte key that seals webhook signing secrets at rest.')
@secure()
param webhookSecretKey string

@description('Password of the SMTP relay; ignored unless storeSmtpPassword.')
@secure()
param smtpPassword string

@description('Whether the SMTP relay takes a password (kept apart so that no output depends on the secret).')
param storeSmtpPassword bool

@description('Name of the data storage account whose key the app signs blob links with.')
param dataAccountName string

@description('Name of the Functions host storage account whose Azure Files share the app runs from.')
param hostAccountName string

@description('Days a deleted vault or secret can be recovered.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Purge protection: a deleted vault cannot be purged before its retention ends (nor its name reused).')
param purgeProtection bool

param tags object

var roles = {
  secretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  secretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
}

resource data 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: dataAccountName
}

resource host 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: hostAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: vaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // Purge protection cannot be switched off once on, nor be sent as false: absent means off.
    enablePurgeProtection: purgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource databaseSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'database-connection-string'
  properties: { value: databaseConnectionString, contentType: 'Npgsql connection string' }
}

resource webhookKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'webhook-secret-key'
  properties: { value: webhookSecretKey, contentType: 'base64, 32 bytes' }
}

resource blobKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'blob-account-key'
  properties: { value: data.listKeys().keys[0].value, contentType: 'storage account key' }
}

resource contentShareSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'host-storage-connection-string'
  properties: {
    value: 'DefaultEndpointsProtocol=https;AccountName=${host.name};AccountKey=${host.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
    contentType: 'storage connection string'
  }
}

resource smtpSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (storeSmtpPassword) {
  parent: vault
  name: 'smtp-password'
  properties: { value: smtpPassword, contentType: 'SMTP relay password' }
}

resource appReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appIdentityId, roles.secretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.secretsUser)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource operatorManagesSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  name: guid(vault.id, operatorPrincipalId, roles.secretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.secretsOfficer)
    principalId: operatorPrincipalId
    principalType: operatorPrincipalType
  }
}

output vaultName string = vault.name
// Versionless secret URIs: the app picks up a rotated secret on its next restart (or within a day).
output databaseSecretUri string = databaseSecret.properties.secretUri
output webhookKeySecretUri string = webhookKeySecret.properties.secretUri
output blobKeySecretUri string = blobKeySecret.properties.secretUri
output contentShareSecretUri string = contentShareSecret.properties.secretUri
output smtpRelaySecretUri string = storeSmtpPassword ? smtpSecret!.properties.secretUri : ''
