// Azure Cache for Redis: Hangfire's shared job storage, so each job runs on one instance.
// Hangfire.Redis.StackExchange takes a connection string with the access key; the key goes
// straight from this deployment into the Key Vault and never into an app setting.

param location string
param redisName string
param keyVaultName string

@description('Name of the Key Vault secret that receives the connection string.')
param connectionStringSecretName string

resource redis 'Microsoft.Cache/redis@2024-11-01' = {
  name: redisName
  location: location
  properties: {
    // Standard: a replica and an SLA; jobs (escalations, clocks) must survive a node failure.
    sku: {
      name: 'Standard'
      family: 'C'
      capacity: 1
    }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
    redisVersion: '6'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

resource connectionString 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: connectionStringSecretName
  properties: {
    value: '${redis.properties.hostName}:${redis.properties.sslPort},password=${redis.listKeys().primaryKey},ssl=True,abortConnect=False'
  }
}

output hostName string = redis.properties.hostName
