// GoldAnalytics in Azure: the function app on the real Functions host (isolated worker, .NET 10) with
// Durable Functions on the Durable Task Scheduler, PostgreSQL Flexible Server, blob storage, the
// dashboard as a Static Web App, Key Vault for the secrets, Application Insights for telemetry.
// Deployed into one resource group: docs/deploy.md. Every choice is explained in the module it lives in.

targetScope = 'resourceGroup'

// ---- Names and places -----------------------------------------------------------------------------

@description('Region of every resource except the dashboard.')
param location string = resourceGroup().location

@description('Short prefix of every resource name (letters, digits, hyphens; starts with a letter); a hash of the resource group makes names unique.')
@minLength(2)
@maxLength(7)
param namePrefix string = 'ga'

@description('Region of the Static Web App, which exists in a few regions only; pick the one nearest the shops.')
@allowed(['westeurope', 'eastus2', 'centralus', 'westus2', 'eastasia'])
param dashboardLocation string = 'westeurope'

@description('Tags on every resource.')
param tags object = { application: 'GoldAnalytics' }

// ---- Function app -----------------------------------------------------------------------------------

@description('Elastic Premium size: EP2 has the two cores the KPI warm-up and the benchmarks were measured on.')
@allowed(['EP1', 'EP2', 'EP3'])
param planSku string = 'EP2'

@description('Instances always running with warm KPI engines; 2 or more keeps the app up while one restarts.')
@minValue(1)
@maxValue(20)
param alwaysReadyInstances int = 1

@description('Most instances the plan scales out to under load.')
@minValue(1)
@maxValue(100)
param maximumInstances int = 4

// ---- PostgreSQL -------------------------------------------------------------------------------------

@description('PostgreSQL major version (the test suite runs on 15; nothing in the schema needs more).')
@allowed(['15', '16'])
param postgresVersion string = '16'

@description('PostgreSQL compute size.')
param postgresSkuName string = 'Standard_D2ds_v5'

@description('Tier of that size.')
@allowed(['Burstable', 'GeneralPurpose', 'MemoryOptimized'])
param postgresSkuTier string = 'GeneralPurpose'

@description('PostgreSQL storage in GiB (the 11-million-line demo shop takes about 8 GB with its rollups).')
@minValue(32)
param postgresStorageGB int = 128

@description('Days of point-in-time restore.')
@minValue(7)
@maxValue(35)
param postgresBackupRetentionDays int = 14

@description('Zone-redundant standby server.')
param postgresHighAvailability bool = false

@description('PostgreSQL administrator login; the app connects as it (it owns the schema and runs the migrations).')
param postgresAdminLogin string = 'goldanalytics'

@description('PostgreSQL administrator password.')
@secure()
@minLength(16)
param postgresAdminPassword string

@description('max_wal_size in MB: bulk loads and full rollup rebuilds write gigabytes of WAL (README, Set-up).')
@minValue(1024)
param postgresMaxWalSizeMB int = 4096

@description('Name of the application database.')
param databaseName string = 'goldanalytics'

@description('Public addresses of operators who run migrations and create keys from their machine.')
param operatorIpAddresses array = []

@description('Admit every address inside Azure to PostgreSQL instead of only the app\'s outbound addresses.')
param postgresAllowAllAzureAddresses bool = false

// ---- Durable Functions ------------------------------------------------------------------------------

@description('Durable Task Scheduler billing: Consumption (per action) or Dedicated (reserved capacity units).')
@allowed(['Consumption', 'Dedicated'])
param durableSku string = 'Consumption'

@description('Capacity units of a Dedicated scheduler.')
@minValue(1)
param durableCapacity int = 1

// ---- Storage ----------------------------------------------------------------------------------------

@description('Redundancy of the data account (photos, exports, backups): geo-redundant by default, backups live there.')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS'])
param dataStorageSku string = 'Standard_GRS'

@description('Days a deleted blob or container can be restored.')
@minValue(1)
@maxValue(365)
param blobSoftDeleteDays int = 14

// ---- Secrets and access -----------------------------------------------------------------------------

@description('Base64 of 32 random bytes (openssl rand -base64 32) sealing webhook secrets at rest; keep it: a new key makes stored secrets unusable.')
@secure()
@minLength(44)
@maxLength(44)
param webhookSecretKey string

@description('Object id of the operator (az ad signed-in-user show --query id -o tsv): Key Vault secrets and the scheduler dashboard.')
param operatorPrincipalId string = ''

@description('Type of the operator principal.')
@allowed(['User', 'Group', 'ServicePrincipal'])
param operatorPrincipalType string = 'User'

@description('Purge protection of the key vault: recommended, but a deleted vault\'s name stays taken for its retention.')
param keyVaultPurgeProtection bool = true

// ---- Mail, webhooks, the shop -----------------------------------------------------------------------

@description('SMTP relay host, e.g. smtp.azurecomm.net (Azure Communication Services); empty leaves mail unconfigured.')
param smtpHost string = ''

@description('SMTP relay port.')
@minValue(1)
@maxValue(65535)
param smtpPort int = 587

@description('SMTP relay login; empty when the relay takes none.')
param smtpUsername string = ''

@description('SMTP relay password; empty when the relay takes none.')
@secure()
param smtpPassword string = ''

@description('Sender of the reports and alerts by mail, e.g. GoldAnalytics <reports@example.com>.')
param mailFrom string = ''

@description('The shop\'s IANA time zone, the one in static-web/public/shop.json (timers and "today").')
param shopTimeZone string = 'Asia/Dubai'

@description('Addresses webhooks may reach beyond public ones (comma-separated IPs, CIDR ranges, host names).')
param webhookAllowedAddresses string = ''

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

// ---- Resources --------------------------------------------------------------------------------------

var prefix = toLower(namePrefix)
// Storage account names allow lowercase letters and digits only.
var storagePrefix = replace(prefix, '-', '')
var suffix = uniqueString(subscription().id, resourceGroup().id, prefix)
var names = {
  identity: '${prefix}-id-${suffix}'
  workspace: '${prefix}-log-${suffix}'
  insights: '${prefix}-appi-${suffix}'
  dataStorage: '${storagePrefix}data${suffix}'
  hostStorage: '${storagePrefix}host${suffix}'
  keyVault: '${prefix}-kv-${suffix}'
  postgres: '${prefix}-pg-${suffix}'
  scheduler: '${prefix}-dts-${suffix}'
  plan: '${prefix}-plan-${suffix}'
  app: '${prefix}-func-${suffix}'
  dashboard: '${prefix}-web-${suffix}'
}

// The hub name the Functions host uses (host.json durableTask.hubName); the scheduler's hub has to match.
var taskHubName = 'GoldAnalytics'

// Product blob containers: photos, exports (report files), backups, and the CSV imports waiting to load
// (GA_IMPORT_CONTAINER, default imports).
var blobContainers = ['photos', 'exports', 'backups', 'imports']

// One user-assigned identity for the app, created first so that every role it needs is in place before
// the app starts (Key Vault references, host storage, the scheduler).
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: names.identity
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: names.workspace
    insightsName: names.insights
    retentionInDays: logRetentionDays
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    dataAccountName: names.dataStorage
    hostAccountName: names.hostStorage
    containers: blobContainers
    contentShareName: names.app
    softDeleteDays: blobSoftDeleteDays
    appIdentityId: identity.id
    appPrincipalId: identity.properties.principalId
    dataSku: dataStorageSku
    tags: tags
  }
}

module postgres 'modules/postgres.bicep' = {
  name: 'postgres'
  params: {
    location: location
    serverName: names.postgres
    databaseName: databaseName
    version: postgresVersion
    skuName: postgresSkuName
    skuTier: postgresSkuTier
    storageSizeGB: postgresStorageGB
    backupRetentionDays: postgresBackupRetentionDays
    highAvailability: postgresHighAvailability
    administratorLogin: postgresAdminLogin
    administratorPassword: postgresAdminPassword
    maxWalSizeMB: postgresMaxWalSizeMB
    tags: tags
  }
}

// Npgsql connection string; the password is quoted so that any character may appear in it.
var databaseConnectionString = 'Host=${postgres.outputs.fqdn};Port=5432;Database=${postgres.outputs.databaseName};Username=${postgresAdminLogin};Password=\'${replace(postgresAdminPassword, '\'', '\'\'')}\';SSL Mode=VerifyFull'

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    vaultName: names.keyVault
    appIdentityId: identity.id
    appPrincipalId: identity.properties.principalId
    operatorPrincipalId: operatorPrincipalId
    operatorPrincipalType: operatorPrincipalType
    databaseConnectionString: databaseConnectionString
    webhookSecretKey: webhookSecretKey
    smtpPassword: smtpPassword
    storeSmtpPassword: !empty(smtpPassword)
    // Names known before the deployment (not the module's outputs), so that What-If can predict the secrets.
    dataAccountName: names.dataStorage
    hostAccountName: names.hostStorage
    softDeleteRetentionInDays: 90
    purgeProtection: keyVaultPurgeProtection
    tags: tags
  }
  dependsOn: [storage]
}

module durable 'modules/durable.bicep' = {
  name: 'durable'
  params: {
    location: location
    schedulerName: names.scheduler
    taskHubName: taskHubName
    skuName: durableSku
    dedicatedCapacity: durableCapacity
    appIdentityId: identity.id
    appPrincipalId: identity.properties.principalId
    operatorPrincipalId: operatorPrincipalId
    operatorPrincipalType: operatorPrincipalType
    tags: tags
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    location: location
    planName: names.plan
    appName: names.app
    planSku: planSku
    alwaysReadyInstances: alwaysReadyInstances
    maximumInstances: maximumInstances
    identityId: identity.id
    identityClientId: identity.properties.clientId
    hostAccountName: storage.outputs.hostAccountName
    contentShareName: storage.outputs.contentShareName
    insightsConnectionString: monitoring.outputs.connectionString
    durableEndpoint: durable.outputs.endpoint
    durableTaskHub: durable.outputs.taskHubName
    secretUris: {
      database: keyVault.outputs.databaseSecretUri
      webhookKey: keyVault.outputs.webhookKeySecretUri
      blobKey: keyVault.outputs.blobKeySecretUri
      contentShare: keyVault.outputs.contentShareSecretUri
      smtpPassword: keyVault.outputs.smtpRelaySecretUri
    }
    dataBlobEndpoint: storage.outputs.dataBlobEndpoint
    dataAccountName: storage.outputs.dataAccountName
    smtpHost: smtpHost
    smtpPort: smtpPort
    smtpUsername: smtpUsername
    mailFrom: mailFrom
    shopTimeZone: shopTimeZone
    webhookAllowedAddresses: webhookAllowedAddresses
    tags: tags
  }
}

module postgresFirewall 'modules/postgres-firewall.bicep' = {
  name: 'postgres-firewall'
  params: {
    serverName: names.postgres
    appOutboundAddresses: functionApp.outputs.possibleOutboundIpAddresses
    operatorAddresses: operatorIpAddresses
    allowAllAzureAddresses: postgresAllowAllAzureAddresses
  }
}

module dashboard 'modules/dashboard.bicep' = {
  name: 'dashboard'
  params: {
    location: dashboardLocation
    name: names.dashboard
    backendResourceId: functionApp.outputs.id
    backendLocation: location
    tags: tags
  }
}

// ---- Outputs ----------------------------------------------------------------------------------------

@description('The function app (API) address.')
output appUrl string = 'https://${functionApp.outputs.defaultHostName}'

@description('The dashboard address; its /api/* reaches the function app.')
output dashboardUrl string = 'https://${dashboard.outputs.defaultHostname}'

output functionAppName string = functionApp.outputs.name
output staticWebAppName string = dashboard.outputs.name
output keyVaultName string = keyVault.outputs.vaultName
output postgresHost string = postgres.outputs.fqdn
output databaseName string = postgres.outputs.databaseName
output dataStorageAccountName string = storage.outputs.dataAccountName
output durableTaskSchedulerEndpoint string = durable.outputs.endpoint
