// Two storage accounts, kept apart on purpose:
// - data: the product's blobs (product photos, exports, backups, CSV imports waiting to be loaded), read and
//   signed by the app with the account key (GA_BLOB_KEY: SAS links need Shared Key);
// - host: what the Functions host itself needs (AzureWebJobsStorage over the managed identity: keys,
//   timers' and blob triggers' bookkeeping; the Azure Files share Elastic Premium runs the app from).
// The app holding the data account's key therefore cannot read or rewrite the host's function keys.

@description('Azure region of the resources.')
param location string

@description('Name of the data storage account (photos, exports, backups, imports).')
param dataAccountName string

@description('Name of the Functions host storage account.')
param hostAccountName string

@description('Blob containers of the data account.')
param containers array

@description('Name of the Azure Files share the function app runs from.')
param contentShareName string

@description('Days deleted blobs and containers of the data account can be restored.')
@minValue(1)
@maxValue(365)
param softDeleteDays int

@description('Resource id of the function app\'s managed identity (names its role assignments).')
param appIdentityId string

@description('Principal id of the function app\'s managed identity (AzureWebJobsStorage over RBAC).')
param appPrincipalId string

@description('Redundancy of the data account.')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS'])
param dataSku string

param tags object

var commonProperties = {
  minimumTlsVersion: 'TLS1_2'
  supportsHttpsTrafficOnly: true
  allowBlobPublicAccess: false
  allowCrossTenantReplication: false
  // Shared Key stays on: the app signs SAS links with the data account's key, and Elastic Premium
  // mounts its content share with a connection string (Azure Files offers it no managed identity).
  allowSharedKeyAccess: true
}

resource data 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: dataAccountName
  location: location
  tags: tags
  sku: { name: dataSku }
  kind: 'StorageV2'
  properties: union(commonProperties, { accessTier: 'Hot' })
}

resource dataBlobs 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: data
  name: 'default'
  properties: {
    deleteRetentionPolicy: { enabled: true, days: softDeleteDays }
    containerDeleteRetentionPolicy: { enabled: true, days: softDeleteDays }
  }
}

resource dataContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = [
  for name in containers: {
    parent: dataBlobs
    name: name
    properties: { publicAccess: 'None' }
  }
]

resource host 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: hostAccountName
  location: location
  tags: tags
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
  properties: commonProperties
}

resource hostFiles 'Microsoft.Storage/storageAccounts/fileServices@2025-06-01' = {
  parent: host
  name: 'default'
}

// Created here because the app's content-share setting is a Key Vault reference, which the platform
// cannot resolve to create the share itself (WEBSITE_SKIP_CONTENTSHARE_VALIDATION).
resource contentShare 'Microsoft.Storage/storageAccounts/fileServices/shares@2025-06-01' = {
  parent: hostFiles
  name: contentShareName
  properties: { shareQuota: 100 }
}

// What the Functions host needs on its own account when it connects with an identity: blobs (keys, leases,
// blob trigger receipts) and queues (blob trigger dispatch).
var hostRoles = [
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' // Storage Blob Data Owner
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // Storage Queue Data Contributor
]

resource hostAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in hostRoles: {
    name: guid(host.id, appIdentityId, role)
    scope: host
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

output dataAccountName string = data.name
output dataBlobEndpoint string = data.properties.primaryEndpoints.blob
output hostAccountName string = host.name
output contentShareName string = contentShare.name
