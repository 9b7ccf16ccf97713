using System.Text.Json;
using IncidentBot.Testing.Fakes;
using IncidentBot.Testing.Fakes.Cosmos;
using Microsoft.Azure.Cosmos;

namespace IncidentBot.InstancesBench;

/// <summary>
/// When each incident's first page fell due, from the store: the step's <c>createdAt</c> plus its
/// wait (a first page's <c>escalateAt</c> is cleared once it escalates). Read with a Cosmos client
/// of the bench's own, as stream queries, so the bot's internal store types are not needed.
/// </summary>
internal static class PageDueTimes
{
    public static async Task<Dictionary<int, DateTimeOffset>> FirstPagesCreatedAsync(CosmosTestServer cosmos, string database, CancellationToken cancellationToken)
    {
        using var client = new CosmosClient(cosmos.Endpoint.ToString(), CosmosTestServer.Key, new CosmosClientOptions
        {
            ConnectionMode = ConnectionMode.Gateway,
            LimitToEndpoint = true,
            // The test server's certificate is made for the run.
            ServerCertificateCustomValidationCallback = static (_, _, _) => true,
        });
        var container = client.GetContainer(database, "incidents");
        var query = new QueryDefinition("SELECT * FROM c WHERE c.workspaceId = @workspace AND c.type = @type AND c.step = 0 AND c.attempt = 0 AND c.policy.id = @policy")
            .WithParameter("@workspace", FakeSlackServer.TeamId)
            .WithParameter("@type", "page")
            .WithParameter("@policy", "escalating");
        var created = new Dictionary<int, DateTimeOffset>();
        using var pages = container.GetItemQueryStreamIterator(query, requestOptions: new QueryRequestOptions
        {
            PartitionKey = new PartitionKey(FakeSlackServer.TeamId),
            // As the bot's store does: the test server answers no query-plan request.
            EnableOptimisticDirectExecution = true,
            MaxItemCount = 1000,
        });
        while (pages.HasMoreResults)
        {
            using var response = await pages.ReadNextAsync(cancellationToken);
            response.EnsureSuccessStatusCode();
            using var body = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken);
            foreach (var page in body.RootElement.GetProperty("Documents").EnumerateArray())
                created[page.GetProperty("incidentNumber").GetInt32()] = page.GetProperty("createdAt").GetDateTimeOffset();
        }
        return created;
    }
}
