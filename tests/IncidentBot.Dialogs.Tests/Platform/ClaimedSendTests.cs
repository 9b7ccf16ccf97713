using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Tests.Storage;
using Microsoft.Extensions.Time.Testing;

namespace IncidentBot.Dialogs.Tests.Platform;

/// <summary>
/// Claim, send, record on the in-memory store, with a small notice document whose claim is a
/// time and whose record is the sent message's id. "Another writer" is a replace of the notice
/// between a claim's read and its commit, as a concurrent run would make.
/// </summary>
public sealed class ClaimedSendTests
{
    private const string Workspace = "T0WORKSPACE";
    private const string NoticeId = "notice-1";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryDocumentStore _store = new();
    private readonly ClaimedSend _sends;
    private readonly List<string> _sent = [];
    private int _claims;

    public ClaimedSendTests() => _sends = new ClaimedSend(new DocumentWriter(_store));

    [Fact]
    public async Task A_claim_that_loses_a_race_reads_again_and_sends_once()
    {
        await StoreNoticeAsync();

        var result = await RunAsync(anotherWriterOnTries: 1);

        Assert.Equal(ClaimedSendStatus.Sent, result.Status);
        Assert.Equal(2, _claims);
        Assert.Single(_sent);
        Assert.Equal("m1", (await NoticeAsync()).SentId);
    }

    [Fact]
    public async Task A_claim_that_keeps_losing_races_gives_up_after_the_writers_attempts_without_sending()
    {
        await StoreNoticeAsync();

        var result = await RunAsync(anotherWriterOnTries: int.MaxValue);

        Assert.Equal(ClaimedSendStatus.Contended, result.Status);
        Assert.Equal(DocumentWriter.MaxAttempts, _claims);
        Assert.Empty(_sent);
        Assert.Null((await NoticeAsync()).ClaimedAt);
    }

    [Fact]
    public async Task A_send_that_fails_releases_the_claim_so_the_next_try_sends_at_once()
    {
        await StoreNoticeAsync();

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => RunAsync(failSend: true));
        var afterFailure = await NoticeAsync();
        var retried = await RunAsync();

        Assert.Equal("platform down", failure.Message);
        Assert.Equal((null, null), (afterFailure.ClaimedAt, afterFailure.SentId));
        Assert.Equal(ClaimedSendStatus.Sent, retried.Status);
        Assert.Equal(["m1"], _sent);
        Assert.Equal("m1", (await NoticeAsync()).SentId);
    }

    [Fact]
    public async Task A_sent_message_is_recorded_once_and_a_second_run_sends_nothing()
    {
        await StoreNoticeAsync();
        var writesBefore = _store.Writes;

        var first = await RunAsync();
        var writesAfterFirst = _store.Writes;
        var second = await RunAsync();

        Assert.Equal(ClaimedSendStatus.Sent, first.Status);
        Assert.Equal("m1", first.Recorded!.Value.SentId);
        Assert.Equal(2, writesAfterFirst - writesBefore); // the claim and the record
        Assert.Equal(ClaimedSendStatus.NotClaimed, second.Status);
        Assert.Equal(writesAfterFirst, _store.Writes);
        Assert.Single(_sent);
        var stored = await NoticeAsync();
        Assert.Equal(("m1", _clock.GetUtcNow()), (stored.SentId, stored.ClaimedAt));
    }

    private Task<ClaimedSendResult<Notice, Notice>> RunAsync(int anotherWriterOnTries = 0, bool failSend = false) =>
        _sends.RunAsync(Workspace,
            async (attempt, token) =>
            {
                _claims++;
                var stored = await attempt.ReadAsync<Notice>(NoticeId, token);
                if (attempt.Number <= anotherWriterOnTries)
                    await _store.ReplaceAsync(stored!.Value, stored.ETag, token);
                if (stored!.Value.SentId is not null || stored.Value.ClaimedAt is not null)
                    return SendClaim.NotClaimed(stored.Value);
                var claimed = stored.Value with { ClaimedAt = _clock.GetUtcNow() };
                attempt.Batch.Replace(claimed, stored.ETag);
                return SendClaim.Claimed(claimed);
            },
            (_, _) =>
            {
                if (failSend)
                    throw new HttpRequestException("platform down");
                var id = "m" + (_sent.Count + 1);
                _sent.Add(id);
                return Task.FromResult(id);
            },
            async (attempt, claimed, sentId, token) =>
            {
                var current = await attempt.ReadAsync(NoticeId, claimed.Versioned(claimed.Value), token);
                var recorded = current!.Value with { SentId = sentId };
                attempt.Batch.Replace(recorded, current.ETag);
                return recorded;
            },
            async (attempt, claimed, token) =>
            {
                var current = await attempt.ReadAsync(NoticeId, claimed.Versioned(claimed.Value), token);
                attempt.Batch.Replace(current!.Value with { ClaimedAt = null }, current.ETag);
            },
            CancellationToken.None);

    private Task<string> StoreNoticeAsync() =>
        _store.CreateAsync(new Notice { Id = NoticeId, WorkspaceId = Workspace }, CancellationToken.None);

    private async Task<Notice> NoticeAsync() =>
        (await _store.ReadAsync<Notice>(Workspace, NoticeId, CancellationToken.None))!.Value;
}

/// <summary>A document sent once: claimed with a time, recorded with the sent message's id.</summary>
internal sealed record Notice : IDocument
{
    public required string Id { get; init; }

    public required string WorkspaceId { get; init; }

    public string Type => "notice";

    public DateTimeOffset? ClaimedAt { get; init; }

    public string? SentId { get; init; }
}
