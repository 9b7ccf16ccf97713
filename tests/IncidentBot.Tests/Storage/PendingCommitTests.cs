using IncidentBot.Storage.Embedded;

namespace IncidentBot.Tests.Storage;

/// <summary>How the writer answers a commit: at once for a caller writing its own, through the pool's shared queue otherwise.</summary>
public sealed class PendingCommitTests
{
    [Fact]
    public async Task A_commit_answered_in_place_is_done_before_the_writer_goes_on()
    {
        var commit = new PendingCommit("T0COMMIT", [], [], [], urgent: true);
        Assert.True(commit.TryTake());

        commit.Complete(failedAt: null, handOff: false);

        Assert.True(commit.Done.IsCompletedSuccessfully);
        Assert.Null(await commit.Done);
    }

    [Fact]
    public async Task A_commit_handed_off_is_answered_by_a_pool_thread_with_its_outcome()
    {
        var commit = new PendingCommit("T0COMMIT", [], [], [], urgent: true);
        Assert.True(commit.TryTake());

        commit.Complete(failedAt: 2, handOff: true);

        Assert.Equal(2, await commit.Done.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None));
    }
}
