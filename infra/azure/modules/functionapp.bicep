// The function app on an Elastic Premium plan (Linux, .NET 10 isolated worker).
//
// Why Elastic Premium and not Flex Consumption: the app is not only request handlers. Every instance keeps
// the KPI engines' state in memory (filled after a start, about 20 s on the demo shop; /api/health/ready
// says when) and runs background listeners all the time: LISTEN/NOTIFY on PostgreSQL, the outbox
// dispatcher, the webhook workers, the live event stream. Elastic Premium keeps a minimum of instances
// always running and warm (here alwaysReadyInstances, plus a pre-warmed spare), scales out on load within
// the same app, and takes an instance into rotation only once its health check (/api/health/ready)
// answers.
// Flex Consumption with always-ready instances would also keep instances running, and billing would be
// lower when idle; but it scales per function group (HTTP, durable, blob each on their own instances), so
// instances started for one group run every listener and a KPI warm-up of their own; it runs blob triggers
// only from Event Grid (not the polling trigger host.json configures); and instances beyond the
// always-ready ones come and go with load, taking their warm engines with them.

@description('Azure region of the resources.')
param location string

@description('Name of the Elastic Premium plan.')
param planName string

@description('Name of the function app.')
param appName string

@description('Plan size: EP1 (1 core, 3.5 GB), EP2 (2 cores, 7 GB), EP3 (4 cores, 14 GB).')
@allowed(['EP1', 'EP2', 'EP3'])
param planSku string

@description('Instances kept running and warm at all times.')
@minValue(1)
@maxValue(20)
param alwaysReadyInstances int

@description('Most instances the plan scales out to.')
@minValue(1)
@maxValue(100)
param maximumInstances int

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

@description('Name of the Functions host storage account (AzureWebJobsStorage over the identity).')
param hostAccountName string

@description('Name of the Azure Files share the app runs from.')
param contentShareName string

@description('Application Insights connection string.')
param insightsConnectionString string

@description('Durable Task Scheduler endpoint.')
param durableEndpoint string

@description('Durable Task Scheduler task hub.')
param durableTaskHub string

@description('Key Vault secret URIs the settings refer to.')
param secretUris {
  database: string
  webhookKey: string
  blobKey: string
  contentShare: string
  @description('Empty when the SMTP relay takes no password.')
  smtpPassword: string
}

@description('Blob endpoint of the data storage account.')
param dataBlobEndpoint string

@description('Name of the data storage account.')
param dataAccountName string

@description('SMTP relay host; empty to leave mail unconfigured.')
param smtpHost string

@description('SMTP relay port.')
param smtpPort int

@description('SMTP relay login; empty when the relay takes none.')
param smtpUsername string

@description('Sender address of mail, e.g. GoldAnalytics <reports@example.com>.')
param mailFrom string

@description('The shop\'s IANA time zone (timers and "today").')
param shopTimeZone string

@description('Addresses webhooks may reach beyond public ones (GA_WEBHOOKS:AllowedAddresses).')
param webhookAllowedAddresses string

param tags object

func keyVaultReference(secretUri string) string => '@Microsoft.KeyVault(SecretUri=${secretUri})'

// The Functions host's own settings.
var platformSettings = {
  FUNCTIONS_EXTENSION_VERSION: '~4'
  FUNCTIONS_WORKER_RUNTIME: 'dotnet-isolated'
  WEBSITE_RUN_FROM_PACKAGE: '1'
  AzureWebJobsStorage__accountName: hostAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  WEBSITE_CONTENTAZUREFILECONNECTIONSTRING: keyVaultReference(secretUris.contentShare)
  WEBSITE_CONTENTSHARE: contentShareName
  // The platform cannot resolve a Key Vault reference to check the share; the share is created beforehand.
  WEBSITE_SKIP_CONTENTSHARE_VALIDATION: '1'
  APPLICATIONINSIGHTS_CONNECTION_STRING: insightsConnectionString
  // Timer schedules in the shop's zone, as GA_TIME_ZONE makes them on the self-hosted host.
  WEBSITE_TIME_ZONE: shopTimeZone
  DURABLE_TASK_SCHEDULER_CONNECTION_STRING: 'Endpoint=${durableEndpoint};Authentication=ManagedIdentity;ClientID=${identityClientId}'
  // host.json is shared with the self-hosted host, which keeps orchestrations in PostgreSQL; in Azure the
  // durableTask extension is pointed at the scheduler (azureManaged provider) by these overrides.
  AzureFunctionsJobHost__extensions__durableTask__hubName: durableTaskHub
  AzureFunctionsJobHost__extensions__durableTask__storageProvider__type: 'azureManaged'
  AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionStringName: 'DURABLE_TASK_SCHEDULER_CONNECTION_STRING'
}

// The product's settings (README, docs/runtime.md); secrets are Key Vault references.
var productSettings = {
  GA_DATABASE: keyVaultReference(secretUris.database)
  GA_BLOB_ENDPOINT: dataBlobEndpoint
  GA_BLOB_ACCOUNT: dataAccountName
  GA_BLOB_KEY: keyVaultReference(secretUris.blobKey)
  GA_SMTP_HOST: smtpHost
  GA_SMTP_PORT: string(smtpPort)
  GA_MAIL_FROM: mailFrom
  GA_TIME_ZONE: shopTimeZone
  GA_WEBHOOK_SECRET_KEY: keyVaultReference(secretUris.webhookKey)
  // Linux app settings cannot contain ':'; '__' is the same configuration path.
  GA_WEBHOOKS__AllowedAddresses: webhookAllowedAddresses
}

// Only when the relay takes a login (Azure Communication Services' does).
var smtpCredentials = {
  GA_SMTP_USERNAME: smtpUsername
  GA_SMTP_PASSWORD: keyVaultReference(secretUris.smtpPassword)
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'elastic'
  sku: { name: planSku, tier: 'ElasticPremium', capacity: alwaysReadyInstances }
  properties: {
    reserved: true
    maximumElasticWorkerCount: maximumInstances
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve with this identity, which holds its role before the app starts.
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: 'DOTNET-ISOLATED|10.0'
      minimumElasticInstanceCount: alwaysReadyInstances
      preWarmedInstanceCount: 1
      // 503 while the KPI engines warm after a start, 200 once they are: instances join the load balancer
      // (and scaled-out ones receive requests) only when warm.
      healthCheckPath: '/api/health/ready'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: map(
        items(union(platformSettings, productSettings, empty(secretUris.smtpPassword) ? {} : smtpCredentials)),
        setting => {
          name: setting.key
          value: setting.value
        }
      )
    }
  }
}

// Deployments go through Entra ID (az login), never through FTP or basic-auth Kudu credentials.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'ftp'
  properties: { allow: false }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'scm'
  properties: { allow: false }
}

output id string = app.id
output name string = app.name
output defaultHostName string = app.properties.defaultHostName
output possibleOutboundIpAddresses string = app.properties.possibleOutboundIpAddresses
