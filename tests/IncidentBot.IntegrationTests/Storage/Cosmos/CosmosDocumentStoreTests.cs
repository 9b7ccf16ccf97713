using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Telemetry;
using IncidentBot.IntegrationTests.Builders;
using IncidentBot.IntegrationTests.Telemetry;
using Microsoft.Azure.Cosmos;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace IncidentBot.IntegrationTests.Storage.Cosmos;

/// <summary>The contract against a real Cosmos DB protocol server, and what only Cosmos DB can get wrong.</summary>
public sealed class CosmosDocumentStoreTests(CosmosServerFixture cosmos) : DocumentStoreContract, IClassFixture<CosmosServerFixture>
{
    // The contract's clock drives expiry only; Cosmos DB keeps its own time.
    protected override IDocumentStore CreateStore(TimeProvider clock) => cosmos.OpenStore();

    [Fact]
    public async Task The_container_is_partitioned_by_workspace_with_time_to_live_on_and_composite_indexes_for_ordering()
    {
        await Store.CheckHealthAsync(Cancellation);

        var properties = (await Container().ReadContainerAsync(cancellationToken: Cancellation)).Resource;

        Assert.Equal("/workspaceId", properties.PartitionKeyPath);
        Assert.Equal(-1, properties.DefaultTimeToLive);
        // One direction per path: Cosmos DB serves ORDER BY number DESC, id DESC from it too.
        Assert.Contains(properties.IndexingPolicy.CompositeIndexes,
            index => index.Select(p => (p.Path, p.Order)).SequenceEqual([("/number", CompositePathSortOrder.Ascending), ("/id", CompositePathSortOrder.Ascending)]));
        Assert.DoesNotContain(properties.IndexingPolicy.CompositeIndexes, index => index.Any(p => p.Order == CompositePathSortOrder.Descending));
    }

    [Fact]
    public async Task Each_Cosmos_DB_call_is_a_CallStore_span_with_its_operation_status_and_request_charge()
    {
        var spans = new ExportedCollection<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(IncidentTelemetry.Name).AddInMemoryExporter(spans).Build();
        var incident = new IncidentBuilder().InWorkspace(NewWorkspaceId()).Build();
        await Store.CreateAsync(incident, Cancellation);

        await Store.ReadAsync<Incident>(incident.WorkspaceId, incident.Id, Cancellation);

        var read = await spans.WaitForAsync(s => s.OperationName == "CallStore"
            && s.GetTagItem(IncidentTelemetry.WorkspaceId) as string == incident.WorkspaceId && s.GetTagItem("incidentbot.store.operation") as string == "read");
        Assert.Equal(ActivityKind.Client, read.Kind);
        Assert.Equal(200, read.GetTagItem("incidentbot.store.status_code"));
        Assert.IsType<double>(read.GetTagItem("incidentbot.store.request_charge"));
        Assert.Contains(spans.Snapshot(), s => s.OperationName == "CallStore"
            && s.GetTagItem(IncidentTelemetry.WorkspaceId) as string == incident.WorkspaceId && s.GetTagItem("incidentbot.store.operation") as string != "read");
    }

    [Fact]
    public async Task A_delete_is_answered_204_by_the_test_server_on_a_connection_that_stays_open()
    {
        // The bridge in front of the server wrote the server's "{}" into the 204, which closed the connection:
        // every delete's answer was lost, and the store read back and retried each one.
        await Store.CheckHealthAsync(Cancellation);
        var workspace = NewWorkspaceId();
        var key = new PartitionKey(workspace);
        for (var i = 0; i < 3; i++)
        {
            var id = $"doc-{i}";
            using var created = await Container().CreateItemStreamAsync(
                new MemoryStream(System.Text.Encoding.UTF8.GetBytes($$"""{"id":"{{id}}","workspaceId":"{{workspace}}"}""")), key, cancellationToken: Cancellation);
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);

            using var deleted = await Container().DeleteItemStreamAsync(id, key, cancellationToken: Cancellation);

            Assert.Equal(System.Net.HttpStatusCode.NoContent, deleted.StatusCode);
        }
    }

    [Fact]
    public async Task The_stored_body_is_the_shared_document_json()
    {
        var incident = new IncidentBuilder().InWorkspace(NewWorkspaceId()).WithMarkets("NP").WithSeverity(Severity.Sev1).Build();

        await Store.CreateAsync(incident, Cancellation);

        var stored = await RawAsync(incident.WorkspaceId, incident.Id);
        foreach (var system in new[] { "_rid", "_self", "_etag", "_ts", "_attachments", "writeId" })
            stored.Remove(system);
        Assert.Equal(JsonSerializer.Serialize(incident, DocumentJson.Options), stored.ToJsonString(DocumentJson.Options));
        Assert.Equal("sev1", (string?)stored["severity"]);
        Assert.Equal("2026-03-01T09:00:00.0000000Z", (string?)stored["declaredAt"]);
    }

    [Fact]
    public async Task An_expiring_document_is_stored_with_its_ttl_for_Cosmos_DB_to_expire()
    {
        var receipt = new SampleReceipt { Id = "receipt-1", WorkspaceId = NewWorkspaceId(), ExpiresAfter = TimeSpan.FromSeconds(60) };

        await Store.CreateAsync(receipt, Cancellation);

        Assert.Equal(60, (int?)(await RawAsync(receipt.WorkspaceId, receipt.Id))["ttl"]);
    }

    [Fact]
    public async Task A_declare_receipt_carries_Cosmos_DBs_ttl_of_a_day()
    {
        var receipt = new DeclareReceipt { Id = "receipt-abc", WorkspaceId = NewWorkspaceId(), ClaimedAt = Start };

        await Store.CreateAsync(receipt, Cancellation);

        Assert.Equal(86_400, (int?)(await RawAsync(receipt.WorkspaceId, receipt.Id))["ttl"]);
    }

    [Fact]
    public async Task The_health_check_names_the_account_database_and_container()
    {
        var health = await Store.CheckHealthAsync(Cancellation);

        Assert.Equal(new StoreHealth(true, "cosmos", $"127.0.0.1:{cosmos.Server.Port}/incidentbot-tests/incidents"), health);
    }

    [Fact]
    public async Task A_container_made_without_composite_indexes_still_orders_by_the_path_then_id()
    {
        var name = "bare-" + Guid.NewGuid().ToString("N")[..8];
        var database = (await cosmos.Client.CreateDatabaseIfNotExistsAsync("incidentbot-tests", cancellationToken: Cancellation)).Database;
        await database.CreateContainerAsync(new ContainerProperties(name, "/workspaceId"), cancellationToken: Cancellation);
        using var store = cosmos.OpenStore(cosmos.Options(container: name));
        var workspace = NewWorkspaceId();
        foreach (var (id, rank) in new[] { ("d", 3), ("b", 1), ("c", 2), ("a", 2) })
            await store.CreateAsync(new SampleDocumentBuilder(workspace).WithId(id).WithRank(rank).Build(), Cancellation);
        foreach (var number in new[] { 2, 3, 1 })
            await store.CreateAsync(new IncidentBuilder().InWorkspace(workspace).WithNumber(number).Build(), Cancellation);

        var byRank = await store.QueryAsync<SampleDocument>(new DocumentQuery(workspace, SampleDocument.DocumentType).OrderedBy(SampleDocument.Paths.Rank, descending: true).Take(3), Cancellation)
            .Select(d => d.Value.Id).ToListAsync(Cancellation);
        var newest = await store.QueryAsync<Incident>(new DocumentQuery(workspace, Incident.DocumentType).OrderedBy(Incident.Paths.Number, descending: true).Take(2), Cancellation)
            .Select(d => d.Value.Number).ToListAsync(Cancellation);

        Assert.Equal(["d", "c", "a"], byRank);
        Assert.Equal([3, 2], newest);
    }

    [Fact]
    public async Task A_query_over_thousands_of_documents_pages_through_every_match_once()
    {
        // The test server once compiled FROM into a copy of every document per document; its
        // correction (tests/cosmos-server/server.js, 8) must still answer every page whole.
        var workspace = NewWorkspaceId();
        var ids = Enumerable.Range(0, 2_500).Select(i => $"doc-{i:D4}").ToList();
        foreach (var chunk in ids.Chunk(DocumentBatch.MaxOperations))
        {
            var batch = new DocumentBatch(workspace);
            foreach (var id in chunk)
                batch = batch.Create(new SampleDocumentBuilder(workspace).WithId(id).Build());
            await Store.CommitAsync(batch, Cancellation);
        }

        var found = await Store.QueryAsync<SampleDocument>(new DocumentQuery(workspace, SampleDocument.DocumentType), Cancellation)
            .Select(d => d.Value.Id).ToListAsync(Cancellation);

        Assert.Equal(ids, found.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_join_answers_a_row_per_array_element_and_leaves_out_fields_a_document_lacks()
    {
        var workspace = NewWorkspaceId();
        await Store.CreateAsync(new SampleDocumentBuilder(workspace).WithId("a").WithTags("NP", "IN").Build(), Cancellation);
        await Store.CreateAsync(new SampleDocumentBuilder(workspace).WithId("b").Build(), Cancellation);
        await Store.CreateAsync(new SampleDocumentBuilder(workspace).WithId("c").WithTags("BD").Build(), Cancellation);
        var query = new QueryDefinition("SELECT c.id, t AS tag, c.absent FROM c JOIN t IN c.tags WHERE c.workspaceId = @w")
            .WithParameter("@w", workspace);

        var rows = new List<string>();
        using var iterator = Container().GetItemQueryIterator<JsonObject>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(workspace) });
        while (iterator.HasMoreResults)
            rows.AddRange((await iterator.ReadNextAsync(Cancellation)).Select(row => row.ToJsonString()));

        Assert.Equal(["""{"id":"a","tag":"NP"}""", """{"id":"a","tag":"IN"}""", """{"id":"c","tag":"BD"}"""], rows);
    }

    private Container Container() => cosmos.Client.GetContainer("incidentbot-tests", "incidents");

    private async Task<JsonObject> RawAsync(string workspaceId, string id)
    {
        using var response = await Container().ReadItemStreamAsync(id, new PartitionKey(workspaceId), cancellationToken: Cancellation);
        Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        return (await JsonNode.ParseAsync(response.Content, cancellationToken: Cancellation))!.AsObject();
    }
}
