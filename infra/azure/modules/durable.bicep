// Durable Functions backend in Azure: the Durable Task Scheduler, a managed orchestration engine the
// app reaches over gRPC with its managed identity. Chosen over the Azure Storage backend, which polls
// queues (latency grows to maxQueuePollingInterval when idle), keeps histories in tables that grow until
// purged, and is paid per storage transaction; the scheduler pushes work, purges by retention policy and
// has a dashboard for stuck or failed instances.

@description('Azure region of the resources.')
param location string

@description('Name of the scheduler.')
param schedulerName string

@description('Name of the task hub; the Functions host\'s durableTask.hubName must equal it.')
param taskHubName string

@description('Billing model: Consumption (per orchestration action) or Dedicated (reserved capacity units).')
@allowed(['Consumption', 'Dedicated'])
param skuName string

@description('Capacity units when Dedicated.')
@minValue(1)
param dedicatedCapacity int

@description('Resource id of the function app\'s managed identity (names its role assignments).')
param appIdentityId string

@description('Principal id of the function app\'s managed identity.')
param appPrincipalId string

@description('Object id of a user or group who operates the deployment (scheduler dashboard); empty for none.')
param operatorPrincipalId string

@description('Type of the operator principal.')
@allowed(['User', 'Group', 'ServicePrincipal'])
param operatorPrincipalType string

param tags object

var dataContributor = '0ad04412-c4d5-4796-b79c-f76d14c8d402'

resource scheduler 'Microsoft.DurableTask/schedulers@2025-11-01' = {
  name: schedulerName
  location: location
  tags: tags
  properties: {
    sku: skuName == 'Dedicated' ? { name: skuName, capacity: dedicatedCapacity } : { name: skuName }
    // Access is by Entra identity and RBAC; an empty allow-list would refuse every caller.
    ipAllowlist: ['0.0.0.0/0']
  }
}

resource taskHub 'Microsoft.DurableTask/schedulers/taskHubs@2025-11-01' = {
  parent: scheduler
  name: taskHubName
}

resource appUsesScheduler 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(scheduler.id, appIdentityId, dataContributor)
  scope: scheduler
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', dataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource operatorUsesDashboard 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  name: guid(scheduler.id, operatorPrincipalId, dataContributor)
  scope: scheduler
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', dataContributor)
    principalId: operatorPrincipalId
    principalType: operatorPrincipalType
  }
}

output endpoint string = scheduler.properties.endpoint
output taskHubName string = taskHub.name
