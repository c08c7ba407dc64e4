// ServerlessGov on Azure: the isolated-worker function app on the Flex Consumption plan (or Elastic Premium where
// Flex is not offered), its storage account (tables, queues, the Durable Functions task hub, the deployment
// package), Event Grid, Key Vault, Application Insights, and one user-assigned managed identity with the least roles
// it needs. No shared keys anywhere: storage, Event Grid and Application Insights accept Entra ID only.
// Deploy: docs/DEPLOY.md.

@description('Name prefix for every resource (3-11 lowercase letters and digits).')
@minLength(3)
@maxLength(11)
param prefix string = 'sgov'

@description('Region for every resource. Flex Consumption is offered in fewer regions than Elastic Premium.')
param location string = resourceGroup().location

@description('FlexConsumption (the default) or ElasticPremium (where Flex Consumption is not offered in the region).')
@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
param hostingPlan string = 'FlexConsumption'

@description('Most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory per instance on Flex Consumption, in MB.')
@allowed([
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Entra ID tenant whose tokens the API accepts.')
param tenantId string = subscription().tenantId

@description('Application (client) id of the API\'s Entra ID app registration: the audience every token must carry.')
@minLength(36)
@maxLength(36)
param apiClientId string

@description('Base URL of the bank\'s payment API (https). The sandbox bank exists only in Development, so a deployment names the real one.')
@minLength(9)
param bankBaseUrl string

@description('Region of the console\'s Static Web App (offered in fewer regions than Functions; eastasia is the nearest to China).')
param consoleLocation string = 'eastasia'

var token = uniqueString(resourceGroup().id)
var isFlex = hostingPlan == 'FlexConsumption'
var deploymentContainerName = 'app-package'

// Key Vault secrets an operator sets after the first deployment (docs/DEPLOY.md); the app reads them through Key Vault
// references. Until a secret exists the reference stays unresolved, the literal is no valid secret, and the app refuses
// to pay rather than paying with a guessable key.
var idempotencySecretName = 'payouts-idempotency-secret'
var bankClientKeySecretName = 'bank-client-key'
var pseudonymKeySecretName = 'subjects-pseudonym-key'

// Built-in role definition ids (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var eventGridDataSender = 'd5a91429-5739-47e2-a06b-3470a27159e7'
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${prefix}-app-identity'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take('${prefix}${token}', 24)
  location: location
  sku: { name: 'Standard_ZRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    supportsHttpsTrafficOnly: true
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: deploymentContainerName
  properties: { publicAccess: 'None' }
}

// Blobs: the deployment package, the host's locks and the task hub's leases and large messages. Queues and tables:
// the app's own queues and tables, and the task hub's control and work-item queues, instances and history.
resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in [storageBlobDataOwner, storageQueueDataContributor, storageTableDataContributor]: {
    name: guid(storage.id, identity.id, role)
    scope: storage
    properties: {
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    }
  }
]

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${prefix}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${prefix}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    DisableLocalAuth: true
  }
}

resource insightsRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, identity.id, monitoringMetricsPublisher)
  scope: insights
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
  }
}

resource topic 'Microsoft.EventGrid/topics@2022-06-15' = {
  name: '${prefix}-enterprise-events'
  location: location
  properties: {
    inputSchema: 'CloudEventSchemaV1_0'
    disableLocalAuth: true
  }
}

resource topicRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(topic.id, identity.id, eventGridDataSender)
  scope: topic
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', eventGridDataSender)
  }
}

// Secrets are set by an operator (docs/DEPLOY.md), never written in a template; the app reads them through Key Vault
// references resolved by the platform with the app's identity.
resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: '${prefix}-kv-${take(token, 8)}'
  location: location
  properties: {
    tenantId: tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
  }
}

resource vaultRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${prefix}-plan'
  location: location
  kind: isFlex ? 'functionapp' : 'elastic'
  sku: isFlex ? { name: 'FC1', tier: 'FlexConsumption' } : { name: 'EP1', tier: 'ElasticPremium' }
  properties: {
    reserved: true
    maximumElasticWorkerCount: isFlex ? null : maximumInstanceCount
  }
}

var commonSettings = [
  { name: 'AzureWebJobsStorage__accountName', value: storage.name }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
  { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
  { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identity.properties.clientId};Authorization=AAD' }
  { name: 'Enterprises__EventGrid__TopicEndpoint', value: topic.properties.endpoint }
  { name: 'Auth__Authority', value: '${environment().authentication.loginEndpoint}${tenantId}/v2.0' }
  { name: 'Auth__Audience', value: apiClientId }
  // The host's default landing page at / is anonymous and not in docs/SECURITY.md's list: off.
  { name: 'AzureWebJobsDisableHomepage', value: 'true' }
  { name: 'Payments__BankBaseUrl', value: bankBaseUrl }
  { name: 'Payouts__IdempotencySecret', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${idempotencySecretName})' }
  { name: 'Payments__ClientKey', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${bankClientKeySecretName})' }
  { name: 'Subjects__PseudonymKey', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${pseudonymKeySecretName})' }
]

// Elastic Premium needs the runtime in settings and runs the package from the deployment container with the app's
// identity; Flex Consumption takes both from functionAppConfig and refuses them as settings.
var premiumSettings = [
  { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
  { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'dotnet-isolated' }
  { name: 'WEBSITE_TIME_ZONE', value: 'Asia/Shanghai' }
  { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}/serverlessgov.zip' }
  { name: 'WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID', value: identity.id }
]

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: '${prefix}-${token}'
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    functionAppConfig: isFlex
      ? {
          deployment: {
            storage: {
              type: 'blobContainer'
              value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
              authentication: {
                type: 'UserAssignedIdentity'
                userAssignedIdentityResourceId: identity.id
              }
            }
          }
          scaleAndConcurrency: {
            maximumInstanceCount: maximumInstanceCount
            instanceMemoryMB: instanceMemoryMB
          }
          runtime: {
            name: 'dotnet-isolated'
            version: '10.0'
          }
        }
      : null
    siteConfig: {
      linuxFxVersion: isFlex ? null : 'DOTNET-ISOLATED|10.0'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // The console calls the API from its own origin with Entra ID bearer tokens (no cookies, so no credentials mode).
      cors: {
        allowedOrigins: ['https://${console.properties.defaultHostname}']
      }
      appSettings: isFlex ? commonSettings : concat(commonSettings, premiumSettings)
    }
  }
  dependsOn: [
    storageRoles
    deploymentContainer
    insightsRole
    vaultRole
    topicRole
  ]
}

// The console: the Blazor WebAssembly build served as static files. It calls the function app directly (CORS above)
// rather than through a linked backend, which Static Web Apps offers for Consumption, Premium and Dedicated plans but
// not Flex Consumption, and which would put Static Web Apps' own sign-in in front of the API's Entra ID roles.
resource console 'Microsoft.Web/staticSites@2024-04-01' = {
  name: '${prefix}-console-${take(token, 8)}'
  location: consoleLocation
  sku: { name: 'Standard', tier: 'Standard' }
  properties: {
    stagingEnvironmentPolicy: 'Disabled'
    allowConfigFileUpdates: true
  }
}

output functionAppName string = app.name
output apiUrl string = 'https://${app.properties.defaultHostName}/api'
output storageAccount string = storage.name
output deploymentContainer string = deploymentContainerName
output keyVault string = vault.name
output idempotencySecretName string = idempotencySecretName
output bankClientKeySecretName string = bankClientKeySecretName
output pseudonymKeySecretName string = pseudonymKeySecretName
output consoleName string = console.name
output consoleUrl string = 'https://${console.properties.defaultHostname}'
