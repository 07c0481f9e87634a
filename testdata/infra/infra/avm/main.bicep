// The same service with Azure Verified Modules (br/public:avm/res/...).
param name string = 'orders'
param location string = resourceGroup().location
param appPrincipalId string

// disableLocalAuth is not set: the module's default (true) turns keys
// off, and the Go code's key-based client will get 401.
module openai 'br/public:avm/res/cognitive-services/account:0.9.1' = { // want: infra/local-auth-off-key-in-code
  name: 'openai'
  params: {
    name: 'oai-${name}'
    kind: 'OpenAI'
    location: location
    customSubDomainName: 'oai-${name}'
    roleAssignments: [
      {
        roleDefinitionIdOrName: 'Cognitive Services Contributor' // want: infra/broad-role
        principalId: appPrincipalId
        principalType: 'ServicePrincipal'
      }
    ]
  }
}

module bus 'br/public:avm/res/service-bus/namespace:0.10.1' = {
  name: 'bus'
  params: {
    name: 'sb-${name}'
    location: location
    disableLocalAuth: false // want: infra/local-auth-left-on
    roleAssignments: [
      {
        roleDefinitionIdOrName: 'Azure Service Bus Data Owner' // want: infra/role-broader-than-needed
        principalId: appPrincipalId
        principalType: 'ServicePrincipal'
      }
    ]
  }
}

// allowSharedKeyAccess is not set: the module's default (true) leaves
// shared keys on, while the Go code reads blobs keyless.
module store 'br/public:avm/res/storage/storage-account:0.14.3' = { // want: infra/local-auth-left-on
  name: 'store'
  params: {
    name: 'st${name}'
    location: location
    roleAssignments: [
      {
        roleDefinitionIdOrName: 'Storage Blob Data Reader'
        principalId: appPrincipalId
        principalType: 'ServicePrincipal'
      }
    ]
  }
}

module cosmos 'br/public:avm/res/document-db/database-account:0.8.1' = {
  name: 'cosmos'
  params: {
    name: 'cosmos-${name}'
    location: location
    sqlDatabases: [
      { name: 'app', containers: [ { name: 'items', paths: [ '/id' ] } ] }
    ]
    sqlRoleAssignmentsPrincipalIds: [ appPrincipalId ]
  }
}
