// ServerlessGov on Azure: the function app as one container on Azure Container Apps, scaled on queue length
// (KEDA azure-queue scaler), on Azure Storage tables and queues, Event Grid and Key Vault, with a user-assigned
// managed identity and no storage keys. Deploy: az deployment group create -g <rg> -f infra/main.bicep -p image=<image>

@description('Name prefix for every resource (3–11 lowercase letters and digits).')
@minLength(3)
@maxLength(11)
param prefix string = 'sgov'

@description('Region for every resource.')
param location string = resourceGroup().location

@description('The ServerlessGov container image, e.g. myregistry.azurecr.io/serverlessgov:1.0.0.')
param image string

@description('Most replicas the app scales out to.')
@minValue(1)
@maxValue(30)
param maxReplicas int = 10

@description('Queue length per replica at which KEDA adds a replica.')
param queueLengthPerReplica int = 64

var storageName = '${prefix}${uniqueString(resourceGroup().id)}'
var queuesToScaleOn = [
  'subject-changes'
  'review-escalations'
  'enterprise-notifications'
]
// Built-in role definition ids.
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var eventGridDataSender = 'd5a91429-5739-47e2-a06b-3470a27159e7'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${prefix}-app-identity'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take(storageName, 24)
  location: location
  sku: { name: 'Standard_ZRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in [storageTableDataContributor, storageQueueDataContributor]: {
  name: guid(storage.id, identity.id, role)
  scope: storage
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

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

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: '${prefix}-kv-${take(uniqueString(resourceGroup().id), 8)}'
  location: location
  properties: {
    tenantId: subscription().tenantId
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

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${prefix}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${prefix}-env'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: '${prefix}-app'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      ingress: {
        external: true
        targetPort: 8080
        transport: 'http'
      }
    }
    template: {
      containers: [
        {
          name: 'functions'
          image: image
          resources: { cpu: json('1.0'), memory: '2Gi' }
          env: [
            { name: 'AzureWebJobsStorage__accountName', value: storage.name }
            { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
            { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
            { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
            { name: 'WEBSITE_TIME_ZONE', value: 'Asia/Shanghai' }
            { name: 'EventGrid__TopicEndpoint', value: topic.properties.endpoint }
            { name: 'KeyVault__Uri', value: vault.properties.vaultUri }
          ]
          probes: [
            { type: 'Liveness', httpGet: { path: '/api/health', port: 8080 } }
            { type: 'Readiness', httpGet: { path: '/api/ready', port: 8080 } }
          ]
        }
      ]
      scale: {
        minReplicas: 1
        maxReplicas: maxReplicas
        rules: [for queue in queuesToScaleOn: {
          name: '${queue}-length'
          azureQueue: {
            accountName: storage.name
            queueName: queue
            queueLength: queueLengthPerReplica
            identity: identity.id
          }
        }]
      }
    }
  }
  dependsOn: [
    storageRoles
  ]
}

output appUrl string = 'https://${app.properties.configuration.ingress.fqdn}'
output storageAccount string = storage.name
