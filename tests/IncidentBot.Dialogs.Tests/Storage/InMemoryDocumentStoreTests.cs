using IncidentBot.Dialogs.Reminders;
using IncidentBot.Dialogs.StatusUpdates;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Tests.Storage;

/// <summary>The test store keeps the port's promises that the domain tests rely on.</summary>
public sealed class InMemoryDocumentStoreTests
{
    private const string Workspace = "T0WORKSPACE";
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly InMemoryDocumentStore _store = new();

    [Fact]
    public async Task A_replace_with_an_etag_that_changed_is_a_conflict()
    {
        var etag = await _store.CreateAsync(Timer(1), None);
        await _store.ReplaceAsync(Timer(1), etag, None);

        var conflict = await Assert.ThrowsAsync<DocumentConflictException>(() => _store.ReplaceAsync(Timer(1), etag, None));

        Assert.False(conflict.AlreadyExists);
    }

    [Fact]
    public async Task A_create_of_an_id_that_exists_is_a_conflict()
    {
        await _store.CreateAsync(Timer(1), None);

        var conflict = await Assert.ThrowsAsync<DocumentConflictException>(() => _store.CreateAsync(Timer(1), None));

        Assert.True(conflict.AlreadyExists);
    }

    [Fact]
    public async Task A_batch_with_one_conflict_writes_nothing()
    {
        await _store.CreateAsync(Timer(2), None);
        var batch = new DocumentBatch(Workspace).Create(Timer(1)).Create(Timer(2));

        await Assert.ThrowsAsync<DocumentConflictException>(() => _store.CommitAsync(batch, None));

        Assert.Null(await _store.ReadAsync<StatusUpdateTimer>(Workspace, StatusUpdateTimer.IdFor(1), None));
    }

    [Fact]
    public async Task A_read_is_a_copy_with_the_stored_values()
    {
        var sent = new SentReminder { Key = "r1", PlannedAt = DateTimeOffset.UnixEpoch, ClaimedAt = DateTimeOffset.UnixEpoch };
        var etag = await _store.CreateAsync(Timer(1) with { Deliveries = [sent] }, None);

        var read = await _store.ReadAsync<StatusUpdateTimer>(Workspace, StatusUpdateTimer.IdFor(1), None);

        Assert.Equal(etag, read!.ETag);
        Assert.Equal(sent, Assert.Single(read.Value.Deliveries));
    }

    [Fact]
    public async Task A_query_filters_orders_and_takes_within_one_workspace_and_type()
    {
        foreach (var n in new[] { 3, 1, 2, 4 })
            await _store.CreateAsync(Timer(n), None);
        await _store.CreateAsync(Timer(5) with { WorkspaceId = "T0OTHER" }, None);
        var query = new DocumentQuery(Workspace, StatusUpdateTimer.DocumentType)
            .Where(DocumentPath.Of<StatusUpdateTimer>(nameof(StatusUpdateTimer.IncidentNumber)), FilterOperator.GreaterThan, 1)
            .OrderedBy(DocumentPath.Of<StatusUpdateTimer>(nameof(StatusUpdateTimer.IncidentNumber)), descending: true)
            .Take(2);

        var found = new List<int>();
        await foreach (var timer in _store.QueryAsync<StatusUpdateTimer>(query, None))
            found.Add(timer.Value.IncidentNumber);

        Assert.Equal([4, 3], found);
        Assert.Equal(3, await _store.CountAsync(query with { Top = null }, None));
    }

    private static StatusUpdateTimer Timer(int number) => new() { WorkspaceId = Workspace, IncidentNumber = number };
}
