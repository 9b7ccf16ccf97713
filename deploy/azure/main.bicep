// IncidentBot on Azure: several bot replicas on Container Apps, the incident store on Azure
// Cosmos DB (managed identity, no keys), Hangfire's jobs on Azure Cache for Redis, secrets in
// Key Vault, an Azure Bot for Microsoft Teams, telemetry to Application Insights.
// Walk-through: docs/DEPLOY.md. Compile: bicep build deploy/azure/main.bicep

@description('Region of every resource (the Azure Bot is global).')
param location string = resourceGroup().location

@description('Start of every resource name, lower-case letters and digits; a hash of the resource group makes the names unique.')
@minLength(3)
@maxLength(11)
param namePrefix string = 'incidentbot'

@description('The bot image, e.g. myregistry.azurecr.io/incidentbot:1.4.0 (dotnet publish src/IncidentBot -c Release -t:PublishContainer -p:ContainerRegistry=myregistry.azurecr.io).')
param containerImage string

@description('An Azure Container Registry in this resource group that holds the image; the bot pulls with its managed identity (AcrPull). Empty for a public image.')
param containerRegistryName string = ''

@description('Bot instances. Any number serve the same workspaces: Cosmos DB decides every write, Redis runs each job once.')
@minValue(1)
@maxValue(10)
param replicaCount int = 2

@description('How Slack reaches the bot: "http" (request URLs + signing secret), "socket" (Socket Mode: app-level token, no inbound Slack traffic) or "off".')
@allowed([
  'http'
  'socket'
  'off'
])
param slackMode string = 'http'

@description('Slack channel id (C…) for declarations and severity/status changes; empty for none.')
param slackAnnouncementChannel string = ''

@description('Slack signing secret (slackMode http). Stored in Key Vault; empty keeps the stored one.')
@secure()
param slackSigningSecret string = ''

@description('Slack bot token xoxb-…. Stored in Key Vault; empty keeps the stored one.')
@secure()
param slackBotToken string = ''

@description('Slack app-level token xapp-… with connections:write (slackMode socket). Stored in Key Vault; empty keeps the stored one.')
@secure()
param slackAppToken string = ''

@description('Client id of the bot\'s Entra app registration (single tenant). Empty: no Azure Bot, Teams off.')
param teamsAppId string = ''

@description('The Microsoft 365 tenant the bot serves.')
param teamsTenantId string = tenant().tenantId

@description('The Teams channel where incidents get their threads (19:…@thread.tacv2); required with teamsAppId.')
param teamsIncidentsChannelId string = ''

@description('The Teams channel for declarations and severity/status changes; empty for none.')
param teamsAnnouncementChannelId string = ''

@description('A client secret of the bot\'s app registration. Stored in Key Vault; empty keeps the stored one.')
@secure()
param teamsAppPassword string = ''

@description('Azure Bot pricing tier; Teams is a standard channel, free on F0.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Serve GET /api/incidents with the key stored in Key Vault as incidents-api-key.')
param enableIncidentsApi bool = false

@description('The key for GET /api/incidents. Stored in Key Vault; empty keeps the stored one.')
@secure()
param incidentsApiKey string = ''

@description('Page people: the on-call file (deploy/oncall.example.yaml), stored by you in Key Vault as oncall-yaml, is mounted at /config/oncall.yaml.')
param enableOnCallFile bool = false

@description('Custom clocks and reminders: the policy file (deploy/policies.example.yaml), stored by you in Key Vault as policies-yaml, is mounted at /config/policies.yaml.')
param enablePolicyFile bool = false

@description('Object id of the person or group who sets the secrets (Key Vault Secrets Officer), e.g. from: az ad signed-in-user show --query id -o tsv. Empty: nobody.')
param operatorPrincipalId string = ''

@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param operatorPrincipalType string = 'User'

var prefix = toLower(namePrefix)
var suffix = uniqueString(resourceGroup().id)
var databaseName = 'incidentbot'
var containerName = 'incidents'
var teamsOn = !empty(teamsAppId)

// Key Vault secret names; the template writes the values it is given, Redis's itself.
var secretName = {
  slackSigningSecret: 'slack-signing-secret'
  slackBotToken: 'slack-bot-token'
  slackAppToken: 'slack-app-token'
  teamsAppPassword: 'teams-app-password'
  incidentsApiKey: 'incidents-api-key'
  redisConnectionString: 'redis-connection-string'
  onCallFile: 'oncall-yaml'
  policyFile: 'policies-yaml'
}

// Files from Key Vault, mounted at /config: the on-call file holds people's e-mail addresses.
var configFiles = concat(
  enableOnCallFile
    ? [
        {
          setting: 'OnCall__ConfigPath'
          secret: secretName.onCallFile
          file: 'oncall.yaml'
        }
      ]
    : [],
  enablePolicyFile
    ? [
        {
          setting: 'Policies__ConfigPath'
          secret: secretName.policyFile
          file: 'policies.yaml'
        }
      ]
    : []
)

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: '${prefix}-identity'
  location: location
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    logAnalyticsName: '${prefix}-logs-${suffix}'
    appInsightsName: '${prefix}-insights-${suffix}'
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    keyVaultName: take('${prefix}kv${suffix}', 24)
    botPrincipalId: identity.properties.principalId
    operatorPrincipalId: operatorPrincipalId
    operatorPrincipalType: operatorPrincipalType
    secretNames: [
      secretName.slackSigningSecret
      secretName.slackBotToken
      secretName.slackAppToken
      secretName.teamsAppPassword
      secretName.incidentsApiKey
    ]
    secretValues: {
      '${secretName.slackSigningSecret}': slackSigningSecret
      '${secretName.slackBotToken}': slackBotToken
      '${secretName.slackAppToken}': slackAppToken
      '${secretName.teamsAppPassword}': teamsAppPassword
      '${secretName.incidentsApiKey}': incidentsApiKey
    }
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    location: location
    accountName: '${prefix}-${suffix}'
    databaseName: databaseName
    containerName: containerName
    botPrincipalId: identity.properties.principalId
  }
}

module redis 'modules/redis.bicep' = {
  name: 'redis'
  params: {
    location: location
    redisName: '${prefix}-${suffix}'
    keyVaultName: keyVault.outputs.name
    connectionStringSecretName: secretName.redisConnectionString
  }
}

resource registry 'Microsoft.ContainerRegistry/registries@2025-04-01' existing = if (!empty(containerRegistryName)) {
  name: containerRegistryName
}

resource botPullsImages 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(containerRegistryName)) {
  name: guid(resourceGroup().id, containerRegistryName, identity.id, 'AcrPull')
  scope: registry
  properties: {
    // AcrPull
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      '7f951dda-4ed3-4680-a7ca-43fe172d538d'
    )
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Settings the bot reads (docs/CONFIGURATION.md). Secrets are never values here: they are
// Key Vault references (secretSettings) or, for Cosmos DB, no secret at all.
var settings = concat(
  [
    {
      // DefaultAzureCredential signs in to Cosmos DB as this user-assigned identity.
      name: 'AZURE_CLIENT_ID'
      value: identity.properties.clientId
    }
    {
      name: 'Cosmos__Endpoint'
      value: cosmos.outputs.endpoint
    }
    {
      name: 'Cosmos__Database'
      value: cosmos.outputs.databaseName
    }
    {
      name: 'Cosmos__Container'
      value: cosmos.outputs.containerName
    }
    {
      // Provisioned above; the identity's data-plane role may not create them anyway.
      name: 'Cosmos__CreateIfNotExists'
      value: 'false'
    }
    {
      name: 'Jobs__Storage'
      value: 'Redis'
    }
  ],
  empty(slackAnnouncementChannel)
    ? []
    : [
        {
          name: 'Slack__AnnouncementChannel'
          value: slackAnnouncementChannel
        }
      ],
  teamsOn
    ? [
        {
          name: 'Teams__MicrosoftAppId'
          value: teamsAppId
        }
        {
          name: 'Teams__TenantId'
          value: teamsTenantId
        }
        {
          name: 'Teams__IncidentsChannelId'
          value: teamsIncidentsChannelId
        }
      ]
    : [],
  teamsOn && !empty(teamsAnnouncementChannelId)
    ? [
        {
          name: 'Teams__AnnouncementChannelId'
          value: teamsAnnouncementChannelId
        }
      ]
    : [],
  map(configFiles, file => {
    name: file.setting
    value: '/config/${file.file}'
  })
)

var secretSettings = concat(
  [
    {
      name: 'Jobs__Redis__ConnectionString'
      secret: secretName.redisConnectionString
    }
  ],
  slackMode == 'http'
    ? [
        {
          name: 'Slack__SigningSecret'
          secret: secretName.slackSigningSecret
        }
      ]
    : [],
  slackMode == 'socket'
    ? [
        {
          name: 'Slack__AppToken'
          secret: secretName.slackAppToken
        }
      ]
    : [],
  slackMode == 'off'
    ? []
    : [
        {
          name: 'Slack__BotToken'
          secret: secretName.slackBotToken
        }
      ],
  teamsOn
    ? [
        {
          name: 'Teams__MicrosoftAppPassword'
          secret: secretName.teamsAppPassword
        }
      ]
    : [],
  enableIncidentsApi
    ? [
        {
          name: 'Api__Keys__0'
          secret: secretName.incidentsApiKey
        }
      ]
    : []
)

module app 'modules/containerapp.bicep' = {
  name: 'containerapp'
  params: {
    location: location
    environmentName: '${prefix}-env'
    appName: prefix
    image: containerImage
    registryServer: empty(containerRegistryName)
      ? ''
      : '${containerRegistryName}${environment().suffixes.acrLoginServer}'
    identityId: identity.id
    replicas: replicaCount
    logAnalyticsName: monitoring.outputs.logAnalyticsName
    appInsightsName: monitoring.outputs.appInsightsName
    keyVaultUri: keyVault.outputs.uri
    settings: settings
    secretSettings: secretSettings
    configFiles: map(configFiles, file => {
      secret: file.secret
      file: file.file
    })
  }
  // The Redis secret must be in the vault, and the image pull allowed, before the first revision.
  dependsOn: [
    redis
    botPullsImages
  ]
}

var botUrl = 'https://${app.outputs.fqdn}'

module bot 'modules/bot.bicep' = if (teamsOn) {
  name: 'bot'
  params: {
    botName: '${prefix}-${suffix}'
    appId: teamsAppId
    tenantId: teamsTenantId
    messagingEndpoint: '${botUrl}/api/messages'
    sku: botSku
  }
}

@description('The bot\'s public base URL: replace https://incidentbot.example.com with it in deploy/slack/manifest.yaml.')
output botUrl string = botUrl

@description('The host name, for deploy/teams/package.sh.')
output botHost string = app.outputs.fqdn

@description('The Azure Bot\'s messaging endpoint.')
output teamsMessagingEndpoint string = '${botUrl}/api/messages'

@description('Where to set or rotate the secrets (az keyvault secret set --vault-name …).')
output keyVaultName string = keyVault.outputs.name
