using IncidentBot.Storage.Embedded;

namespace IncidentBot.Tests.Storage;

public sealed class CommitQueueTests
{
    [Fact]
    public void Urgent_commits_lead_the_group_and_each_line_keeps_its_order()
    {
        var queue = new CommitQueue();
        var background = Enumerable.Range(0, 2).Select(_ => Enqueue(queue, urgent: false)).ToList();
        var urgent = Enumerable.Range(0, 6).Select(_ => Enqueue(queue, urgent: true)).ToList();

        var group = queue.TakeGroup(64);

        Assert.Equal([.. urgent, .. background], group);
        Assert.All(group, commit => Assert.False(commit.IsQueued));
        Assert.Equal((0, 0), queue.Waiting);
    }

    [Fact]
    public void A_stream_of_urgent_commits_leaves_a_quarter_of_the_group_to_waiting_background_ones()
    {
        var queue = new CommitQueue();
        var background = Enumerable.Range(0, 40).Select(_ => Enqueue(queue, urgent: false)).ToList();
        var urgent = Enumerable.Range(0, 100).Select(_ => Enqueue(queue, urgent: true)).ToList();

        var group = queue.TakeGroup(64);

        Assert.Equal([.. urgent.Take(48), .. background.Take(16)], group);
        Assert.Equal((52, 24), queue.Waiting);
    }

    [Fact]
    public void Background_commits_beside_urgent_ones_are_at_most_a_quarter_of_the_group()
    {
        var queue = new CommitQueue();
        var background = Enumerable.Range(0, 30).Select(_ => Enqueue(queue, urgent: false)).ToList();
        var first = Enqueue(queue, urgent: true);

        // One urgent commit waits for one background commit in its transaction, not for seven.
        Assert.Equal([first, background[0]], queue.TakeGroup(8));
        var urgent = Enumerable.Range(0, 5).Select(_ => Enqueue(queue, urgent: true)).ToList();
        Assert.Equal([.. urgent, .. background.Skip(1).Take(2)], queue.TakeGroup(8));
        // With no urgent commit waiting, background ones fill the group.
        Assert.Equal([.. background.Skip(3).Take(8)], queue.TakeGroup(8));
    }

    [Fact]
    public void A_commit_given_up_while_queued_is_not_taken()
    {
        var queue = new CommitQueue();
        var kept = Enqueue(queue, urgent: false);
        var abandoned = Enqueue(queue, urgent: false);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        abandoned.TryCancel(cancelled.Token);

        Assert.True(abandoned.Done.IsCanceled);
        Assert.Equal((0, 1), queue.Waiting);
        Assert.Equal([kept], queue.TakeGroup(64));
    }

    [Fact]
    public void The_first_commit_into_an_idle_queue_starts_the_writer_and_later_ones_join_it_until_it_stops()
    {
        var queue = new CommitQueue();

        Assert.True(queue.Enqueue(Commit(urgent: false)));
        Assert.False(queue.Enqueue(Commit(urgent: true)));
        Assert.False(queue.StopIfEmpty());
        queue.TakeGroup(64);
        Assert.True(queue.StopIfEmpty());
        Assert.True(queue.Enqueue(Commit(urgent: false)));
    }

    private static PendingCommit Enqueue(CommitQueue queue, bool urgent)
    {
        var commit = Commit(urgent);
        queue.Enqueue(commit);
        return commit;
    }

    private static PendingCommit Commit(bool urgent) => new("T0QUEUE", [], [], [], urgent);
}
