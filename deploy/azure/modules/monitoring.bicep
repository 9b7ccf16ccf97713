// Log Analytics (container logs) and Application Insights (traces and logs sent by the
// Container Apps OpenTelemetry agent), workspace-based.

param location string
param logAnalyticsName string
param appInsightsName string

resource logs 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: logAnalyticsName
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    // The Container Apps agent sends with the connection string (local authentication).
    DisableLocalAuth: false
  }
}

output logAnalyticsName string = logs.name
output appInsightsName string = appInsights.name
