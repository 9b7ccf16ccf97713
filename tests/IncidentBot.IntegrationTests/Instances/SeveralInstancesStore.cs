using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Storage.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;

namespace IncidentBot.IntegrationTests.Instances;

/// <summary>
/// What the instances stored, read with a Cosmos client of the test's own. Here rather than in the
/// shared kit because the store's constructor is internal to the bot and visible to the tests only.
/// </summary>
internal static class SeveralInstancesStore
{
    public static async Task<List<Incident>> IncidentsAsync(this SeveralInstances shared, CancellationToken cancellationToken)
    {
        var options = new CosmosOptions
        {
            Endpoint = shared.Cosmos.Endpoint.ToString(),
            Key = CosmosTestServer.Key,
            Database = shared.Database,
            ConnectionMode = CosmosConnectionMode.Gateway,
            AcceptSelfSignedCertificate = true,
            RequestTimeoutSeconds = 10,
            MaxRetryAttempts = 1,
        };
        using var client = CosmosClientFactory.Create(options, NullLogger.Instance);
        using var store = new CosmosDocumentStore(client, options, TimeProvider.System, NullLogger<CosmosDocumentStore>.Instance, metrics: null);
        return await store.QueryAsync<Incident>(new DocumentQuery(FakeSlackServer.TeamId, Incident.DocumentType), cancellationToken)
            .Select(found => found.Value).ToListAsync(cancellationToken);
    }
}
