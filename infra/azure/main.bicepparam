// Example parameters for `az deployment group create --resource-group <group> --parameters
// infra/azure/main.bicepparam` (docs/deploy.md). Secrets are never written here: they are read from the
// environment of the shell that deploys (export them first; a redeployment must pass the same values).
// The variables are named GA_AZURE_* so that a shell set up for the local host (infra/dev env) cannot
// hand its development values to Azure.
using 'main.bicep'

param namePrefix = 'ga'
param dashboardLocation = 'westeurope'

param planSku = 'EP2'
param alwaysReadyInstances = 1
param maximumInstances = 4

param postgresVersion = '16'
param postgresSkuName = 'Standard_D2ds_v5'
param postgresSkuTier = 'GeneralPurpose'
param postgresStorageGB = 128
param postgresAdminPassword = readEnvironmentVariable('GA_AZURE_POSTGRES_PASSWORD')
// The address you deploy from, to run migrations and create the first admin key (curl -s https://ifconfig.me).
param operatorIpAddresses = empty(readEnvironmentVariable('GA_AZURE_OPERATOR_IP', ''))
  ? []
  : [readEnvironmentVariable('GA_AZURE_OPERATOR_IP', '')]
param operatorPrincipalId = readEnvironmentVariable('GA_AZURE_OPERATOR_ID', '')

param durableSku = 'Consumption'

param webhookSecretKey = readEnvironmentVariable('GA_AZURE_WEBHOOK_SECRET_KEY')

// Mail through an Azure Communication Services SMTP relay (leave smtpHost empty to deploy without mail).
param smtpHost = readEnvironmentVariable('GA_AZURE_SMTP_HOST', '')
param smtpPort = 587
param smtpUsername = readEnvironmentVariable('GA_AZURE_SMTP_USERNAME', '')
param smtpPassword = readEnvironmentVariable('GA_AZURE_SMTP_PASSWORD', '')
param mailFrom = readEnvironmentVariable('GA_AZURE_MAIL_FROM', '')

param shopTimeZone = 'Asia/Dubai'
