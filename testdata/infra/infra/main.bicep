// The orders service: a container app with a user-assigned identity,
// Azure OpenAI, Service Bus, Storage and Cosmos DB (azd layout).
targetScope = 'resourceGroup'

@description('Base name of every resource.')
@minLength(3)
param name string = 'orders'
param location string = resourceGroup().location
@description('Object id of the developer running azd (gets Owner for debugging).')
param developerId string

var tags = {
  'azd-env-name': name
  owner: 'orders-team'
}
var roles = {
  sbDataOwner: '090c5cfd-751d-490a-894a-3ce6f1109419'
  blobReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
}

resource appId 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${name}'
  location: location
}

resource openai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'oai-${name}'
  location: location
  kind: 'OpenAI'
  sku: { name: 'S0' }
  properties: {
    customSubDomainName: 'oai-${name}'
    disableLocalAuth: true // want: infra/local-auth-off-key-in-code
    publicNetworkAccess: 'Enabled'
  }

  resource gpt 'deployments' = {
    name: 'gpt-4o'
    sku: { name: 'Standard', capacity: 10 }
    properties: {
      model: { format: 'OpenAI', name: 'gpt-4o', version: '2024-08-06' }
    }
  }
}

resource bus 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: 'sb-${name}'
  location: location
  sku: { name: 'Standard' }
  properties: {
    minimumTlsVersion: '1.2'
    disableLocalAuth: false // want: infra/local-auth-left-on
  }
}

resource busOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: bus
  name: guid(bus.id, appId.id, roles.sbDataOwner)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '090c5cfd-751d-490a-894a-3ce6f1109419') // want: infra/role-broader-than-needed
    principalId: appId.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'st${name}'
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false
    minimumTlsVersion: 'TLS1_2'
  }
}

resource stReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: st
  name: guid(st.id, appId.id, roles.blobReader)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.blobReader)
    principalId: appId.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// The Functions host's own storage: Storage Blob Data Owner is what the
// host needs (not reported).
resource hostStorage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stfunc${name}'
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false
  }
}

resource hostOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: hostStorage
  name: guid(hostStorage.id, appId.id, 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')
    principalId: appId.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: 'plan-${name}'
  location: location
  sku: { name: 'Y1', tier: 'Dynamic' }
}

resource fn 'Microsoft.Web/sites@2023-12-01' = {
  name: 'func-${name}'
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${appId.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    siteConfig: {
      appSettings: [
        { name: 'AzureWebJobsStorage__accountName', value: hostStorage.name }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: appId.properties.clientId }
      ]
    }
  }
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = { // want: infra/missing-data-role
  name: 'cosmos-${name}'
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    disableLocalAuth: true
    locations: [
      { locationName: location, failoverPriority: 0 }
    ]
  }
}

// Azure RBAC on Cosmos DB gives no data access, and this role lists keys.
resource cosmosContrib 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: cosmos
  name: guid(cosmos.id, appId.id, 'documentdb-contributor')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '5bd9cd88-fe45-4216-938b-f97437e15450') // want: infra/broad-role
    principalId: appId.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Cosmos DB for MongoDB has no Entra data plane: no role check here.
resource mongo 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: 'mongo-${name}'
  location: location
  kind: 'MongoDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      { locationName: location, failoverPriority: 0 }
    ]
  }
}

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'ca-${name}'
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${appId.id}': {} }
  }
  properties: {
    template: {
      containers: [
        {
          name: 'api'
          image: 'mcr.microsoft.com/azuredocs/containerapps-helloworld:latest'
          env: [
            { name: 'AZURE_CLIENT_ID', value: appId.properties.clientId }
            { name: 'SERVICEBUS_NAMESPACE', value: '${bus.name}.servicebus.windows.net' }
            { name: 'STORAGE_KEY', value: st.listKeys().keys[0].value } // want: infra/key-leaves-template
          ]
        }
      ]
    }
  }
}

resource rgContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, appId.id, 'contributor')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b24988ac-6180-42a0-ab88-20f7382dd24c') // want: infra/broad-role
    principalId: appId.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// A person, not the workload: not reported.
resource devOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, developerId, 'owner')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635')
    principalId: developerId
    principalType: 'User'
  }
}

resource deployerOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, appId.id, 'owner')
  properties: {
    // keyless:ignore infra/broad-role -- the deployment script's identity creates role assignments; removed after bootstrap (OPS-142)
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635') // suppressed: infra/broad-role
    principalId: appId.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

output AZURE_OPENAI_ENDPOINT string = openai.properties.endpoint
output SERVICEBUS_NAMESPACE string = '${bus.name}.servicebus.windows.net'
output STORAGE_CONNECTION string = 'DefaultEndpointsProtocol=https;AccountName=${st.name};AccountKey=${st.listKeys().keys[0].value}' // want: infra/key-leaves-template
