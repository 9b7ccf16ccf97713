// The Key Vault holding every secret the bot reads (RBAC, no access policies): the bot's
// identity may read secrets, the operator may set them. Secret values passed to this
// deployment are stored; names left empty keep whatever the vault already holds, so a later
// deployment need not carry the secrets again and `az keyvault secret set` can rotate them.

param location string
param keyVaultName string

@description('Principal id of the bot\'s managed identity (Key Vault Secrets User).')
param botPrincipalId string

@description('Object id of a person or group who may set the secrets (Key Vault Secrets Officer); empty: nobody.')
param operatorPrincipalId string

@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param operatorPrincipalType string

@description('Names of the secrets this deployment may set.')
param secretNames array

@description('Secret name → value; an empty value leaves that secret as it is.')
@secure()
param secretValues object

var keyVaultSecretsUser = subscriptionResourceId(
  'Microsoft.Authorization/roleDefinitions',
  '4633458b-17de-408a-b874-0445c86b69e6'
)
var keyVaultSecretsOfficer = subscriptionResourceId(
  'Microsoft.Authorization/roleDefinitions',
  'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
)

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // Incident tooling for regulatory deadlines: a deleted secret stays recoverable.
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource botReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, botPrincipalId, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: keyVaultSecretsUser
    principalId: botPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource operatorSetsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  name: guid(vault.id, operatorPrincipalId, keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: keyVaultSecretsOfficer
    principalId: operatorPrincipalId
    principalType: operatorPrincipalType
  }
}

resource secrets 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = [
  // Over the names, not the secure object: a loop's length must be known before the deployment runs.
  for name in secretNames: if (!empty(secretValues[name])) {
    parent: vault
    name: name
    properties: {
      value: secretValues[name]
    }
  }
]

output name string = vault.name
output uri string = vault.properties.vaultUri
