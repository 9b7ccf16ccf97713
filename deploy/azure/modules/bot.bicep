// The Azure Bot that connects Microsoft Teams to the bot's /api/messages, single tenant, with
// the Teams channel. Its Entra app registration (client id and secret) is made outside this
// template (docs/DEPLOY.md): Bicep can create one only through a registry-hosted extension.

param botName string

@description('The Entra app (client) id of the bot\'s app registration.')
param appId string

param tenantId string
param messagingEndpoint string

@allowed([
  'F0'
  'S1'
])
param sku string

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: {
    displayName: 'IncidentBot'
    endpoint: messagingEndpoint
    msaAppId: appId
    msaAppTenantId: tenantId
    msaAppType: 'SingleTenant'
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
    }
  }
}
