// TrustBot on Azure: a Linux App Service (two or more instances) over one storage account's tables,
// reached with a user-assigned managed identity; an Azure Bot with the Teams and Direct Line channels;
// Application Insights over a Log Analytics workspace. No secret has a default: the bot's client
// secret and the Direct Line secret come in as secure parameters (see infra/README.md).

targetScope = 'resourceGroup'

@description('Azure region for everything except the Azure Bot (which is global).')
param location string = resourceGroup().location

@description('Short lowercase prefix for resource names (letters and digits).')
@minLength(3)
@maxLength(11)
param namePrefix string = 'trustbot'

@description('The Entra ID app registration (client) id of the bot: MicrosoftAppId.')
@minLength(36)
@maxLength(36)
param botAppId string

@description('The tenant of the bot app registration.')
param botAppTenantId string = tenant().tenantId

@description('SingleTenant (recommended; new multi-tenant bots are no longer created) or MultiTenant.')
@allowed([
  'SingleTenant'
  'MultiTenant'
])
param botAppType string = 'SingleTenant'

@description('A client secret of the bot app registration: MicrosoftAppPassword.')
@secure()
param botAppPassword string

@description('A Direct Line site secret of the Azure Bot for the web chat page. Empty on the first deployment; copy it from the bot\'s Direct Line channel and deploy again.')
@secure()
param directLineSecret string = ''

@description('App Service plan size (P0v3 and up support several instances and health checks).')
param appServiceSku string = 'P0v3'

@description('Instances of the web app; every instance shares the one storage account.')
@minValue(1)
@maxValue(30)
param instanceCount int = 2

@description('Azure Bot pricing tier: F0 (free, standard channels) or S1.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'S1'

@description('Prefix of every table TrustBot creates.')
param tablePrefix string = 'TrustBot'

var suffix = uniqueString(resourceGroup().id, namePrefix)
var storageTableDataContributor = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3')

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs-${suffix}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-insights-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    IngestionMode: 'LogAnalytics'
  }
}

// Tables only: no public blob access, TLS 1.2, and no account keys, so only Entra ID identities get in.
resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take('${namePrefix}${suffix}', 24)
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    publicNetworkAccess: 'Enabled'
  }
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-identity-${suffix}'
  location: location
}

resource tableAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: storageTableDataContributor
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${namePrefix}-plan-${suffix}'
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: '${namePrefix}-${suffix}'
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      healthCheckPath: '/healthz'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [
        { name: 'Urls', value: 'http://+:8080' }
        { name: 'WEBSITES_PORT', value: '8080' }
        { name: 'MicrosoftAppId', value: botAppId }
        { name: 'MicrosoftAppPassword', value: botAppPassword }
        { name: 'MicrosoftAppTenantId', value: botAppTenantId }
        { name: 'MicrosoftAppType', value: botAppType }
        { name: 'BotFramework__TokenEndpoint', value: '${environment().authentication.loginEndpoint}${botAppType == 'SingleTenant' ? botAppTenantId : 'botframework.com'}/oauth2/v2.0/token' }
        { name: 'Storage__Endpoint', value: storage.properties.primaryEndpoints.table }
        { name: 'Storage__ManagedIdentityClientId', value: identity.properties.clientId }
        { name: 'Storage__TablePrefix', value: tablePrefix }
        { name: 'DirectLine__Secret', value: directLineSecret }
        // The built-in Direct Line keeps conversations in one instance's memory: never behind a scaled-out plan.
        { name: 'DirectLine__Local', value: 'false' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
      ]
    }
  }
  dependsOn: [
    tableAccess
  ]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${namePrefix}-bot-${suffix}'
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: 'TrustBot'
    description: 'A gentle coach for rebuilding trust with your partner.'
    endpoint: 'https://${site.properties.defaultHostName}/api/messages'
    msaAppId: botAppId
    msaAppType: botAppType
    msaAppTenantId: botAppType == 'SingleTenant' ? botAppTenantId : null
    developerAppInsightsApplicationId: insights.properties.AppId
    disableLocalAuth: false
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
    }
  }
}

resource directLine 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'DirectLineChannel'
  location: 'global'
  properties: {
    channelName: 'DirectLineChannel'
    properties: {
      sites: [
        {
          siteName: 'TrustBot web chat'
          isEnabled: true
          isV1Enabled: false
          isV3Enabled: true
          isSecureSiteEnabled: true
          trustedOrigins: [
            'https://${site.properties.defaultHostName}'
          ]
        }
      ]
    }
  }
}

@description('The web app to deploy the published bot to.')
output webAppName string = site.name

@description('The web chat page.')
output webChatUrl string = 'https://${site.properties.defaultHostName}/'

@description('The messaging endpoint registered on the Azure Bot.')
output messagingEndpoint string = bot.properties.endpoint

@description('The Azure Bot resource (its Direct Line channel holds the web chat secret).')
output botName string = bot.name

@description('The table endpoint the bot reaches with its managed identity.')
output tableEndpoint string = storage.properties.primaryEndpoints.table
