using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Storage;
using Microsoft.Azure.Cosmos;

namespace IncidentBot.IntegrationTests.Storage.Cosmos;

/// <summary>The ledger contract against a real Cosmos DB protocol server: transactional batches, ETags, ttl.</summary>
public sealed class CosmosLedgerTests(CosmosServerFixture cosmos) : LedgerContract, IClassFixture<CosmosServerFixture>
{
    protected override IDocumentStore CreateStore() => cosmos.OpenStore();

    // Each change is a few round trips to a Node server through a TLS bridge: a thousand keeps the test under a minute.
    protected override int ManyChanges => 1000;

    protected override async Task AssertExpiresAsync(string workspace, string id, bool expires)
    {
        using var response = await cosmos.Client.GetContainer("incidentbot-tests", "incidents")
            .ReadItemStreamAsync(id, new PartitionKey(workspace), cancellationToken: Cancellation);
        Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        var stored = (await JsonNode.ParseAsync(response.Content, cancellationToken: Cancellation))!.AsObject();
        Assert.Equal(expires, (int?)stored["ttl"] is > 0);
        if (!expires)
            Assert.Equal(-1, (int?)stored["ttl"]);
    }
}
