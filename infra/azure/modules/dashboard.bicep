// The dashboard as a Static Web App (Standard) with the function app linked as its backend: the built
// static-web/dist is served from the Static Web App's edge, and /api/* on the same origin is forwarded to
// the function app, which is what the dashboard expects (it calls /api relative to its own address, with
// no CORS). The Functions host does not serve files outside its HTTP functions, so the function app
// cannot serve the dashboard itself the way the self-hosted host does (GA_STATIC_WEB).

@description('Region of the Static Web App (the service exists in a few regions only).')
param location string

@description('Name of the Static Web App.')
param name string

@description('Resource id of the function app linked as /api backend.')
param backendResourceId string

@description('Region of the function app.')
param backendLocation string

param tags object

resource site 'Microsoft.Web/staticSites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  // Linked backends need Standard.
  sku: { name: 'Standard', tier: 'Standard' }
  properties: {
    // Content is uploaded with a deployment token (docs/deploy.md), not built from a repository.
    allowConfigFileUpdates: true
    stagingEnvironmentPolicy: 'Disabled'
  }
}

resource api 'Microsoft.Web/staticSites/linkedBackends@2025-03-01' = {
  parent: site
  name: 'functions'
  properties: {
    backendResourceId: backendResourceId
    region: backendLocation
  }
}

output name string = site.name
output defaultHostname string = site.properties.defaultHostname
