using IncidentBot.Dialogs.Storage;
using IncidentBot.IntegrationTests.Builders;

namespace IncidentBot.IntegrationTests.Storage.Cosmos;

/// <summary>
/// Writes whose answer is lost after the server carried them out (a dropped connection, a timeout
/// after the commit), and writes refused before they reached it: each is stored exactly once and
/// reported as what it was, never as a conflict with itself.
/// </summary>
public sealed class CosmosLostAnswerTests(CosmosServerFixture cosmos) : IClassFixture<CosmosServerFixture>, IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private readonly string _workspace = "T" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();

    private CosmosFaults Faults => cosmos.Server.Faults;

    private CancellationToken Cancellation => _timeout.Token;

    public void Dispose()
    {
        Faults.Clear();
        _timeout.Dispose();
    }

    [Fact]
    public async Task A_create_whose_answer_was_lost_is_stored_once_and_reported_as_created()
    {
        var store = cosmos.OpenStore();
        var document = Sample("lost-create");
        Faults.DropResponse(r => r.Writes(document.Id));

        var etag = await store.CreateAsync(document, Cancellation);

        Assert.Equal(1, Faults.Fired);
        Assert.Equal(etag, (await store.ReadAsync<SampleDocument>(_workspace, document.Id, Cancellation))!.ETag);
    }

    [Fact]
    public async Task A_batch_whose_answer_was_lost_is_stored_once_with_its_etags()
    {
        var store = cosmos.OpenStore();
        var first = Sample("lost-batch-a");
        var second = Sample("lost-batch-b");
        Faults.DropResponse(r => r.IsBatch && r.Writes("lost-batch"));

        var result = await store.CommitAsync(new DocumentBatch(_workspace).Create(first).Create(second), Cancellation);

        Assert.Equal(1, Faults.Fired);
        Assert.Equal(result.ETagOf(first.Id), (await store.ReadAsync<SampleDocument>(_workspace, first.Id, Cancellation))!.ETag);
        Assert.Equal(result.ETagOf(second.Id), (await store.ReadAsync<SampleDocument>(_workspace, second.Id, Cancellation))!.ETag);
    }

    [Fact]
    public async Task A_replace_that_committed_and_then_timed_out_is_not_reported_as_a_conflict()
    {
        var store = cosmos.OpenStore();
        var document = Sample("timed-out-replace");
        var etag = await store.CreateAsync(document, Cancellation);
        Faults.AnswerAfterCommit(408, r => r.Writes(document.Id));

        var replaced = await store.ReplaceAsync(document with { Rank = 7 }, etag, Cancellation);

        var stored = await store.ReadAsync<SampleDocument>(_workspace, document.Id, Cancellation);
        Assert.Equal((7, replaced), (stored!.Value.Rank, stored.ETag));
    }

    [Fact]
    public async Task A_batch_refused_before_it_reached_the_server_is_sent_again_and_stored_once()
    {
        var store = cosmos.OpenStore();
        var counter = Sample("refused-counter");
        var etag = await store.CreateAsync(counter, Cancellation);
        var incident = Sample("refused-incident");
        Faults.Refuse(503, r => r.IsBatch && r.Writes("refused-"));

        await store.CommitAsync(new DocumentBatch(_workspace).Replace(counter with { Rank = 2 }, etag).Create(incident), Cancellation);

        Assert.Equal(1, Faults.Fired);
        Assert.Equal(2, (await store.ReadAsync<SampleDocument>(_workspace, counter.Id, Cancellation))!.Value.Rank);
        Assert.NotNull(await store.ReadAsync<SampleDocument>(_workspace, incident.Id, Cancellation));
    }

    [Fact]
    public async Task A_real_conflict_after_a_lost_answer_is_still_a_conflict()
    {
        var store = cosmos.OpenStore();
        var document = Sample("taken");
        await store.CreateAsync(document, Cancellation);
        Faults.Refuse(503, r => r.Writes(document.Id));

        var conflict = await Assert.ThrowsAsync<DocumentConflictException>(() => store.CreateAsync(document with { Rank = 9 }, Cancellation));

        Assert.True(conflict.AlreadyExists);
        Assert.Equal(0, (await store.ReadAsync<SampleDocument>(_workspace, document.Id, Cancellation))!.Value.Rank);
    }

    private SampleDocument Sample(string id) => new SampleDocumentBuilder(_workspace).WithId(id).Build();
}
