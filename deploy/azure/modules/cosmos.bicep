// Azure Cosmos DB for the incident store: serverless, keys disabled (the bot signs in with its
// managed identity through the data-plane role below), one database and the one container,
// laid out as src/IncidentBot/Storage/Cosmos/CosmosContainerSchema.cs creates it when it may.

param location string
param accountName string
param databaseName string
param containerName string

@description('Principal id of the bot\'s managed identity (Cosmos DB Built-in Data Contributor).')
param botPrincipalId string

resource account 'Microsoft.DocumentDB/databaseAccounts@2025-04-15' = {
  name: accountName
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    capabilities: [
      {
        name: 'EnableServerless'
      }
    ]
    // Entra ID only: no account key exists that could leak into a setting.
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2025-04-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
  }
}

// Composite indexes for ORDER BY <property>, id on the properties the bot orders by
// (CosmosContainerSchema.OrderedPaths), ascending as the bot creates them: Cosmos DB serves the
// reverse (DESC, DESC) from the same index.
var orderedPaths = [
  'at'
  'createdAt'
  'dueAt'
  'number'
  'seq'
  'sequence'
  'version'
]

resource container 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-04-15' = {
  parent: database
  name: containerName
  properties: {
    resource: {
      id: containerName
      partitionKey: {
        paths: [
          '/workspaceId'
        ]
        kind: 'Hash'
        version: 2
      }
      // TTL on with no default: only documents that carry a ttl expire.
      defaultTtl: -1
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [
          {
            path: '/*'
          }
        ]
        compositeIndexes: map(orderedPaths, path => [
          {
            path: '/${path}'
            order: 'ascending'
          }
          {
            path: '/id'
            order: 'ascending'
          }
        ])
      }
    }
  }
}

// 00000000-0000-0000-0000-000000000002 is the built-in "Cosmos DB Built-in Data Contributor".
resource botDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2025-04-15' = {
  parent: account
  name: guid(account.id, botPrincipalId, 'data-contributor')
  properties: {
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'
    principalId: botPrincipalId
    scope: account.id
  }
}

output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
output containerName string = container.name
