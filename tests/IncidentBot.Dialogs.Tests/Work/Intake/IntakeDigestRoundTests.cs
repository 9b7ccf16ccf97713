using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Intake;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Rules;
using IncidentBot.Dialogs.Work;
using IncidentBot.Testing.Builders;
using IncidentBot.Testing.Hosts;

namespace IncidentBot.Dialogs.Tests.Work.Intake;

/// <summary>One digest job takes every digest of the workspace that is due with it (trends that started together).</summary>
public sealed class IntakeDigestRoundTests : IAsyncLifetime
{
    private static readonly WorkspaceId Workspace = new("T0WORKSPACE");
    private readonly DialogsHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task One_job_posts_every_digest_that_is_due_updates_their_summaries_and_leaves_no_work_behind()
    {
        // More than two slices' worth, so the claims and records are written in several units, with pauses between.
        var incidents = new List<Incident>();
        for (var n = 1; n <= (IntakeDigestWork.SliceSize * 2) + 5; n++)
            incidents.Add(await ArrangeAsync(n));

        await _host.AdvanceThroughPausesAsync(RunJobAsync(incidents[0]), IntakeDigestWork.SlicePause);

        var posts = _host.Chat.Calls.Where(c => c.Method == nameof(IChatPlatform.PostAsync)).ToList();
        Assert.Equal(incidents.Select(i => i.Channel!.Value.Value).Order(StringComparer.Ordinal), posts.Select(p => p.Channel!.Value.Value).Order(StringComparer.Ordinal));
        var updates = _host.Chat.Calls.Where(c => c.Method == nameof(IChatPlatform.UpdateAsync)).ToList();
        Assert.Equal(incidents.Count, updates.Count);
        Assert.All(updates, u => Assert.Equal(SummaryMessageId, u.MessageId));
        foreach (var incident in incidents)
        {
            var digest = await DigestAsync(incident);
            Assert.Null(digest.PendingSince);
            Assert.Null(digest.Claim);
            Assert.Equal(12, digest.PostedReportCount);
            var state = await StateAsync(incident);
            Assert.Null(state.SyncLeaseId);
            Assert.NotEqual("before", state.SummaryHash);
        }
        // The other digests' items are done with, and no channel sync was asked for: the summaries are up to date.
        Assert.Empty(await _host.WorkAsync(Workspace));
        Assert.Equal(0, await _host.RunDueWorkAsync(Workspace));
        Assert.Equal(incidents.Count * 2, _host.Chat.Calls.Count);
    }

    [Fact]
    public async Task A_round_takes_its_digests_a_slice_at_a_time_with_a_pause_between_and_each_is_next_due_a_minute_after_its_own_post()
    {
        var incidents = await ArrangeStillReportingAsync((IntakeDigestWork.SliceSize * 2) + 3);
        var start = _host.Clock.GetUtcNow();

        Assert.Equal(2, await _host.AdvanceThroughPausesAsync(RunJobAsync(incidents[0]), IntakeDigestWork.SlicePause));

        // The job's own digest and nine others go at once, then ten a pause later, then the last three another pause later.
        var posted = new List<DateTimeOffset>();
        foreach (var incident in incidents)
            posted.Add((await DigestAsync(incident)).LastPostedAt!.Value);
        Assert.Equal(start, posted[0]);
        var pause = IntakeDigestWork.SlicePause;
        Assert.Equal(
            [(start, IntakeDigestWork.SliceSize), (start + pause, IntakeDigestWork.SliceSize), (start + (2 * pause), 3)],
            posted.GroupBy(at => at).Select(g => (g.Key, g.Count())).Order());
        // The trends still report (five seconds ago), so each digest is owed again, a minute after its own slice's post:
        // the next minute's rounds come a slice at a time by themselves.
        var interval = IncidentRules.Default.Intake.DigestInterval;
        var work = (await _host.WorkAsync(Workspace)).ToDictionary(w => w.TargetId, w => w.DueAt);
        Assert.Equal(incidents.Count, work.Count);
        for (var i = 0; i < incidents.Count; i++)
            Assert.Equal(posted[i] + interval, work[incidents[i].Id]);
    }

    [Fact]
    public async Task A_job_whose_digest_waits_in_a_running_round_leaves_its_item_to_the_round_instead_of_waiting_for_it()
    {
        var incidents = await ArrangeStillReportingAsync(IntakeDigestWork.SliceSize + 2);
        var start = _host.Clock.GetUtcNow();
        var round = RunJobAsync(incidents[0]);
        await _host.Clock.WaitForTimerAsync(IntakeDigestWork.SlicePause);
        // One the first slice did not take.
        var last = (await NotPostedAsync(incidents))[^1];
        var itemBefore = (await _host.WorkAsync(Workspace)).Single(w => w.TargetId == last.Id);

        // Its own job, firing meanwhile, returns at once although the round holds the workspace's turn, and leaves the item.
        await RunJobAsync(last).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(round.IsCompleted);
        Assert.Equal(itemBefore, (await _host.WorkAsync(Workspace)).Single(w => w.TargetId == last.Id));
        Assert.Null((await DigestAsync(last)).LastPostedAt);
        Assert.DoesNotContain(_host.Chat.Calls, c => c.Channel == last.Channel);

        _host.Clock.Advance(IntakeDigestWork.SlicePause);
        await round.WaitAsync(TimeSpan.FromSeconds(30));

        // The round posted it in its second slice and moved its item to the next digest.
        var posted = start + IntakeDigestWork.SlicePause;
        Assert.Equal(posted, (await DigestAsync(last)).LastPostedAt);
        Assert.Equal(posted + IncidentRules.Default.Intake.DigestInterval, (await _host.WorkAsync(Workspace)).Single(w => w.TargetId == last.Id).DueAt);
        Assert.Single(_host.Chat.Calls, c => c.Method == nameof(IChatPlatform.PostAsync) && c.Channel == last.Channel);
    }

    [Fact]
    public async Task A_digest_left_to_a_round_that_stops_in_a_pause_is_still_owed_and_posted_when_its_item_runs_again()
    {
        var incidents = await ArrangeStillReportingAsync(IntakeDigestWork.SliceSize + 2);
        using var stopping = new CancellationTokenSource();
        var round = _host.Get<WorkDispatcher>().RunAsync(Workspace.Value, WorkItem.IdFor(IntakeWork.Digest, incidents[0].Id), stopping.Token);
        await _host.Clock.WaitForTimerAsync(IntakeDigestWork.SlicePause);
        var left = await NotPostedAsync(incidents);
        Assert.Equal(2, left.Count);
        foreach (var incident in left)
            await RunJobAsync(incident).WaitAsync(TimeSpan.FromSeconds(30));

        // The process stops in the pause: the round never gets to those two.
        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => round.WaitAsync(TimeSpan.FromSeconds(30)));
        foreach (var incident in left)
        {
            Assert.NotNull((await DigestAsync(incident)).PendingSince);
            Assert.DoesNotContain(_host.Chat.Calls, c => c.Channel == incident.Channel);
        }

        // Their items are still stored and due, as the reconciler's sweep finds them: run again, they post.
        Assert.True(await _host.RunDueWorkAsync(Workspace) >= left.Count);
        foreach (var incident in left)
        {
            Assert.Equal(_host.Clock.GetUtcNow(), (await DigestAsync(incident)).LastPostedAt);
            Assert.Single(_host.Chat.Calls, c => c.Method == nameof(IChatPlatform.PostAsync) && c.Channel == incident.Channel);
        }
    }

    [Fact]
    public async Task A_digest_that_is_not_due_yet_is_left_to_its_own_item()
    {
        var due = await ArrangeAsync(1);
        // Posted ten seconds ago and owed again: its item says now (a report asked for it), its interval says later.
        var early = await ArrangeAsync(2, lastPostedAgo: TimeSpan.FromSeconds(10));

        await RunJobAsync(due);

        Assert.Equal([due.Channel!.Value], _host.Chat.Calls.Where(c => c.Method == nameof(IChatPlatform.PostAsync)).Select(c => c.Channel!.Value));
        var left = Assert.Single(await _host.WorkAsync(Workspace));
        Assert.Equal(early.Id, left.TargetId);
        Assert.NotNull((await DigestAsync(early)).PendingSince);

        var outcome = await _host.RunAsync<IntakeDigestWork>(Workspace, early.Id);
        Assert.Equal(_host.Clock.GetUtcNow() + TimeSpan.FromSeconds(50), outcome.RunAgainAt);
    }

    [Fact]
    public async Task A_failed_send_gives_that_digest_back_and_the_others_are_recorded()
    {
        var own = await ArrangeAsync(1);
        var refused = await ArrangeAsync(2);
        _host.Chat.RefusedChannels.Add(refused.Channel!.Value);

        await RunJobAsync(own);

        Assert.Equal(12, (await DigestAsync(own)).PostedReportCount);
        var given = await DigestAsync(refused);
        Assert.Null(given.Claim);
        Assert.NotNull(given.PendingSince);
        Assert.Equal(0, given.PostedReportCount);
        Assert.Null((await StateAsync(refused)).SyncLeaseId);
        // Its own item is as it was: its job retries it, with the dispatcher's back-off if it fails again.
        var left = Assert.Single(await _host.WorkAsync(Workspace));
        Assert.Equal((refused.Id, 0), (left.TargetId, left.Attempts));
    }

    [Fact]
    public async Task The_job_s_own_failed_send_fails_the_job_after_the_others_are_recorded()
    {
        var own = await ArrangeAsync(1);
        var other = await ArrangeAsync(2);
        _host.Chat.RefusedChannels.Add(own.Channel!.Value);

        await Assert.ThrowsAsync<HttpRequestException>(() => _host.RunAsync<IntakeDigestWork>(Workspace, own.Id));

        Assert.Equal(12, (await DigestAsync(other)).PostedReportCount);
        var given = await DigestAsync(own);
        Assert.Null(given.Claim);
        Assert.NotNull(given.PendingSince);
    }

    [Fact]
    public async Task A_summary_a_channel_sync_holds_is_left_to_a_channel_sync()
    {
        var incident = await ArrangeAsync(1);
        var state = await _host.Documents.ReadAsync<IncidentChannelState>(Workspace.Value, IncidentChannelState.IdFor(1), CancellationToken.None);
        await _host.Documents.ReplaceAsync(state!.Value with { SyncLeasedAt = _host.Clock.GetUtcNow() - TimeSpan.FromSeconds(5), SyncLeaseId = "sync" },
            state.ETag, CancellationToken.None);

        await RunJobAsync(incident);

        Assert.Single(_host.Chat.Calls, c => c.Method == nameof(IChatPlatform.PostAsync));
        Assert.DoesNotContain(_host.Chat.Calls, c => c.Method == nameof(IChatPlatform.UpdateAsync));
        Assert.Equal("sync", (await StateAsync(incident)).SyncLeaseId);
        var sync = Assert.Single(await _host.WorkAsync(Workspace));
        Assert.Equal((ChannelSyncWork.WorkKind, incident.Id), (sync.Kind, sync.TargetId));
    }

    private const string SummaryMessageId = "1764000000.000100";

    private Task RunJobAsync(Incident incident) =>
        _host.Get<WorkDispatcher>().RunAsync(Workspace.Value, WorkItem.IdFor(IntakeWork.Digest, incident.Id), CancellationToken.None);

    /// <summary>Incidents 1 to <paramref name="count"/> as <see cref="ArrangeAsync"/> makes them, each with its last report five seconds ago.</summary>
    private async Task<List<Incident>> ArrangeStillReportingAsync(int count)
    {
        var incidents = new List<Incident>();
        for (var n = 1; n <= count; n++)
            incidents.Add(await ArrangeAsync(n, reportedAgo: TimeSpan.FromSeconds(5)));
        return incidents;
    }

    /// <summary>Those of <paramref name="incidents"/> whose digest was never posted, in their order.</summary>
    private async Task<List<Incident>> NotPostedAsync(IEnumerable<Incident> incidents)
    {
        var left = new List<Incident>();
        foreach (var incident in incidents)
        {
            if ((await DigestAsync(incident)).LastPostedAt is null)
                left.Add(incident);
        }
        return left;
    }

    private async Task<IntakeDigest> DigestAsync(Incident incident) =>
        (await _host.Documents.ReadAsync<IntakeDigest>(incident.WorkspaceId, IntakeDigest.IdFor(incident.Number), CancellationToken.None))!.Value;

    private async Task<IncidentChannelState> StateAsync(Incident incident) =>
        (await _host.Documents.ReadAsync<IncidentChannelState>(incident.WorkspaceId, IncidentChannelState.IdFor(incident.Number), CancellationToken.None))!.Value;

    /// <summary>
    /// A trend's incident with 12 reports (the last <paramref name="reportedAgo"/>, or none recorded), its channel and
    /// pinned summary, a digest owed for a minute and its work item due now.
    /// </summary>
    private async Task<Incident> ArrangeAsync(int number, TimeSpan? lastPostedAgo = null, TimeSpan? reportedAgo = null)
    {
        var now = _host.Clock.GetUtcNow();
        var channel = new ChannelId($"C0TREND{number:D3}");
        var incident = new IncidentBuilder().WithNumber(number).WithSource(IncidentSource.Trending).WithChannel(channel)
            .WithStatus(IncidentStatus.Investigating).Build() with { ReportCount = 12, LastReportAt = now - reportedAgo };
        await _host.Documents.CreateAsync(incident, CancellationToken.None);
        await _host.Documents.CreateAsync(new IntakeDigest
        {
            WorkspaceId = incident.WorkspaceId,
            IncidentNumber = number,
            PendingSince = now - TimeSpan.FromMinutes(1),
            LastPostedAt = lastPostedAgo is { } ago ? now - ago : null,
        }, CancellationToken.None);
        await _host.Documents.CreateAsync(new IncidentChannelState
        {
            WorkspaceId = incident.WorkspaceId,
            IncidentNumber = number,
            Channel = channel,
            SummaryMessageId = SummaryMessageId,
            SummaryHash = "before",
            IsSummaryPinned = true,
        }, CancellationToken.None);
        await _host.Get<WorkQueue>().RequestAsync(Workspace, IntakeWork.Digest, incident.Id, now, CancellationToken.None);
        return incident;
    }
}
