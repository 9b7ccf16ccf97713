// The Container Apps environment (logs to Log Analytics; the managed OpenTelemetry agent sends
// traces and logs to Application Insights) and the bot: several replicas behind HTTPS ingress on
// the image's port 8080, probes on /healthz and /readyz, secrets read from Key Vault with the
// bot's user-assigned identity.

param location string
param environmentName string
param appName string

@description('The bot image, e.g. myregistry.azurecr.io/incidentbot:1.4.0.')
param image string

@description('Login server of the registry the identity pulls from; empty for a public image.')
param registryServer string

param identityId string
param replicas int
param logAnalyticsName string
param appInsightsName string
param keyVaultUri string

@description('Plain settings: [{ name, value }]. Never secrets.')
param settings array

@description('Settings read from Key Vault: [{ name (the environment variable), secret (the Key Vault secret) }].')
param secretSettings array

@description('Key Vault secrets mounted as files in /config: [{ secret, file }].')
param configFiles array

// The port the image listens on (src/IncidentBot/Container.props).
var port = 8080

resource logs 'Microsoft.OperationalInsights/workspaces@2025-02-01' existing = {
  name: logAnalyticsName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

// A preview API version: the managed OpenTelemetry agent (openTelemetryConfiguration) is not in
// the GA versions yet. It injects OTEL_EXPORTER_OTLP_ENDPOINT (gRPC) into every container.
resource environment 'Microsoft.App/managedEnvironments@2025-10-02-preview' = {
  name: environmentName
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
    appInsightsConfiguration: {
      connectionString: appInsights.properties.ConnectionString
    }
    openTelemetryConfiguration: {
      // Application Insights takes traces and logs from the agent, not metrics.
      tracesConfiguration: {
        destinations: [
          'appInsights'
        ]
      }
      logsConfiguration: {
        destinations: [
          'appInsights'
        ]
      }
    }
  }
}

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: appName
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: port
        transport: 'http'
        allowInsecure: false
      }
      registries: empty(registryServer)
        ? []
        : [
            {
              server: registryServer
              identity: identityId
            }
          ]
      secrets: [
        for secret in concat(map(secretSettings, setting => setting.secret), map(configFiles, file => file.secret)): {
          name: secret
          keyVaultUrl: '${keyVaultUri}secrets/${secret}'
          identity: identityId
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'incidentbot'
          image: image
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          env: concat(
            settings,
            map(secretSettings, setting => {
              name: setting.name
              secretRef: setting.secret
            })
          )
          probes: [
            {
              type: 'Startup'
              httpGet: {
                path: '/healthz'
                port: port
              }
              periodSeconds: 2
              failureThreshold: 30
            }
            {
              // The process answers: restart it if not.
              type: 'Liveness'
              httpGet: {
                path: '/healthz'
                port: port
              }
              periodSeconds: 10
              failureThreshold: 3
            }
            {
              // The store answers and a job server runs: only then does the replica get traffic.
              type: 'Readiness'
              httpGet: {
                path: '/readyz'
                port: port
              }
              periodSeconds: 10
              failureThreshold: 3
            }
          ]
          volumeMounts: concat(
            [
              {
                volumeName: 'data'
                mountPath: '/data'
              }
            ],
            empty(configFiles)
              ? []
              : [
                  {
                    volumeName: 'config'
                    mountPath: '/config'
                  }
                ]
          )
        }
      ]
      // The declaration spool (Spool:Path=/data/...) lives as long as the replica. SQLite wants a
      // local disk, not an SMB share, so this is an EmptyDir, not Azure Files.
      volumes: concat(
        [
          {
            name: 'data'
            storageType: 'EmptyDir'
          }
        ],
        empty(configFiles)
          ? []
          : [
              {
                name: 'config'
                storageType: 'Secret'
                secrets: map(configFiles, file => {
                  secretRef: file.secret
                  path: file.file
                })
              }
            ]
      )
      scale: {
        minReplicas: replicas
        maxReplicas: replicas
      }
    }
  }
}

output fqdn string = app.properties.configuration.ingress.fqdn
