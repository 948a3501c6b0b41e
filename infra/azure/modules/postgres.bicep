// Azure Database for PostgreSQL Flexible Server: the system of record, rollups and the durable state of the
// self-hosted engine. Public access restricted by firewall rules (the app's outbound addresses and the
// operators' addresses, added by postgres-firewall.bicep once the app exists), TLS required; see
// docs/deploy.md for why not private access.

@description('Azure region of the resources.')
param location string

@description('Name of the server.')
param serverName string

@description('Name of the application database.')
param databaseName string

@description('PostgreSQL major version.')
@allowed(['15', '16'])
param version string

@description('Compute size, e.g. Standard_D2ds_v5 (General Purpose, 2 vCores) or Standard_B2s (Burstable).')
param skuName string

@description('Tier of the compute size.')
@allowed(['Burstable', 'GeneralPurpose', 'MemoryOptimized'])
param skuTier string

@description('Storage size in GiB; grows on its own when nearly full.')
@minValue(32)
param storageSizeGB int

@description('Days of point-in-time restore.')
@minValue(7)
@maxValue(35)
param backupRetentionDays int

@description('Zone-redundant standby (doubles the compute cost).')
param highAvailability bool

@description('Administrator login.')
param administratorLogin string

@description('Administrator password.')
@secure()
param administratorPassword string

@description('max_wal_size in MB.')
@minValue(1024)
param maxWalSizeMB int

param tags object

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2025-08-01' = {
  name: serverName
  location: location
  tags: tags
  sku: { name: skuName, tier: skuTier }
  properties: {
    version: version
    administratorLogin: administratorLogin
    administratorLoginPassword: administratorPassword
    authConfig: { passwordAuth: 'Enabled', activeDirectoryAuth: 'Disabled' }
    storage: { storageSizeGB: storageSizeGB, autoGrow: 'Enabled' }
    backup: { backupRetentionDays: backupRetentionDays, geoRedundantBackup: 'Disabled' }
    highAvailability: { mode: highAvailability ? 'ZoneRedundant' : 'Disabled' }
    network: { publicNetworkAccess: 'Enabled' }
  }
}

// Server parameters are changed one after the other: the server refuses concurrent changes.

// Loading the demo shop or rebuilding every rollup writes gigabytes of WAL; with the 1 GB default the
// checkpoints run back to back and every first change of a page after each one is logged whole.
resource maxWalSize 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2025-08-01' = {
  parent: server
  name: 'max_wal_size'
  properties: { value: string(maxWalSizeMB), source: 'user-override' }
}

// The first shop migration creates pg_trgm (product and customer search); Azure only allows listed extensions.
resource extensions 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2025-08-01' = {
  parent: server
  name: 'azure.extensions'
  properties: { value: 'pg_trgm', source: 'user-override' }
  dependsOn: [maxWalSize]
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2025-08-01' = {
  parent: server
  name: databaseName
  properties: { charset: 'UTF8', collation: 'en_US.utf8' }
  dependsOn: [extensions]
}

output serverName string = server.name
output fqdn string = server.properties.fullyQualifiedDomainName
output databaseName string = database.name
