// Firewall rules of the PostgreSQL server, a module of its own because the function app's outbound
// addresses are only known once the app exists (a loop needs its list when its deployment starts).

@description('Name of the PostgreSQL server.')
param serverName string

@description('Comma-separated addresses the function app may connect from (its possibleOutboundIpAddresses).')
param appOutboundAddresses string

@description('Addresses of operators who run migrations and create keys from their own machine.')
param operatorAddresses array

@description('Also admit every address inside Azure (any tenant\'s), for when the app\'s addresses change often.')
param allowAllAzureAddresses bool

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2025-08-01' existing = {
  name: serverName
}

var appAddresses = split(appOutboundAddresses, ',')

// @batchSize(1): the server applies one firewall change at a time.
@batchSize(1)
resource appRules 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2025-08-01' = [
  for (address, i) in appAddresses: {
    parent: server
    name: 'app-${i}'
    properties: { startIpAddress: trim(address), endIpAddress: trim(address) }
  }
]

@batchSize(1)
resource operatorRules 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2025-08-01' = [
  for (address, i) in operatorAddresses: {
    parent: server
    name: 'operator-${i}'
    properties: { startIpAddress: address, endIpAddress: address }
    dependsOn: [appRules]
  }
]

resource azureRule 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2025-08-01' = if (allowAllAzureAddresses) {
  parent: server
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' }
  dependsOn: [operatorRules]
}
