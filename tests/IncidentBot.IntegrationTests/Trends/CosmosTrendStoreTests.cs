using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Trends;
using IncidentBot.IntegrationTests.Storage.Cosmos;
using IncidentBot.Storage.Cosmos;
using Microsoft.Extensions.Options;

namespace IncidentBot.IntegrationTests.Trends;

/// <summary>The same figures from streamed single-partition queries against the Cosmos DB test server.</summary>
public sealed class CosmosTrendStoreTests(CosmosServerFixture cosmos) : TrendStoreContract, IClassFixture<CosmosServerFixture>
{
    protected override (IDocumentStore Documents, ITrendStore Trends) Open(TimeProvider clock) =>
        (cosmos.OpenStore(), new CosmosTrendStore(cosmos.Client, Options.Create(cosmos.Options()), clock));
}
