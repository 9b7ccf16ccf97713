using System.Reflection;
using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using IncidentBot.Testing.Builders;
using IncidentBot.Testing.Hosts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IncidentBot.Dialogs.Tests.Work.Channels;

/// <summary>
/// When the channel job records what it did (issue 12): results of calls that are safe to repeat wait for the
/// next write, the last result goes with the lease's release, and the work item is deleted in that unit.
/// </summary>
public sealed class ChannelSyncRecordingTests : IAsyncLifetime
{
    private static readonly ChannelId Announcements = new("CANNOUNCE");

    private readonly DialogsHost _host;
    private Func<MethodInfo, object?[], Task?>? _before;

    public ChannelSyncRecordingTests()
    {
        _host = new DialogsHost(services =>
        {
            services.RemoveAll<IChatPlatform>();
            services.AddSingleton(_ => InterceptedPlatform.Over(_host!.Chat, (method, args) => _before?.Invoke(method, args)));
        });
        _host.Chat.AnnouncementChannel = Announcements;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task A_failed_announcement_is_sent_by_the_retry_and_nothing_recorded_before_it_is_repeated()
    {
        var incident = await ArrangeAsync();
        var failures = 0;
        _before = (method, args) => IsAnnouncement(method, args) && failures++ == 0
            ? Task.FromException<MessageRef>(new HttpRequestException("chat.postMessage answered 500"))
            : null;

        await Assert.ThrowsAsync<HttpRequestException>(() => _host.RunAsync<ChannelSyncWork>(incident.Workspace(), incident.Id));
        var outcome = await _host.RunAsync<ChannelSyncWork>(incident.Workspace(), incident.Id);

        Assert.Null(outcome.RunAgainAt);
        Assert.Single(_host.Chat.Calls, c => c.Method == nameof(IChatPlatform.CreateChannelAsync));
        // The invitation and the pin were recorded with the failed run's release, so the retry does not repeat them.
        Assert.Single(_host.Chat.Calls, c => c.Method == nameof(IChatPlatform.InviteAsync));
        Assert.Single(_host.Chat.Calls, c => c.Method == nameof(IChatPlatform.PinAsync));
        var channel = Assert.Single(_host.Chat.Calls, c => c.Method == nameof(IChatPlatform.CreateChannelAsync)).Channel;
        Assert.Single(_host.Chat.Messages, m => m.Channel == channel);
        Assert.Single(_host.Chat.Messages, m => m.Channel == Announcements);
        var state = await _host.Documents.ReadAsync<IncidentChannelState>(incident.WorkspaceId, IncidentChannelState.IdFor(incident.Number), CancellationToken.None);
        Assert.NotNull(state);
        Assert.Null(state.Value.SyncLeaseId);
        Assert.Equal(incident.Severity, state.Value.AnnouncedSeverity);
    }

    [Fact]
    public async Task A_run_through_the_dispatcher_deletes_its_work_item_with_its_last_write()
    {
        var incident = await ArrangeAsync();
        await _host.Get<WorkQueue>().RequestAsync(incident.Workspace(), ChannelSyncWork.WorkKind, incident.Id, null, CancellationToken.None);

        await _host.Get<WorkDispatcher>().RunAsync(incident.WorkspaceId, WorkItem.IdFor(ChannelSyncWork.WorkKind, incident.Id), CancellationToken.None);

        Assert.Null(await _host.Get<WorkQueue>().FindAsync(incident.Workspace(), ChannelSyncWork.WorkKind, incident.Id, CancellationToken.None));
        Assert.Single(_host.Chat.Messages, m => m.Channel == Announcements);
    }

    [Fact]
    public async Task Work_asked_for_again_during_the_run_stays_and_gets_a_job()
    {
        var incident = await ArrangeAsync();
        var queue = _host.Get<WorkQueue>();
        await queue.RequestAsync(incident.Workspace(), ChannelSyncWork.WorkKind, incident.Id, null, CancellationToken.None);
        var itemId = WorkItem.IdFor(ChannelSyncWork.WorkKind, incident.Id);
        _before = (method, args) => IsAnnouncement(method, args) ? RequestAgainAsync() : null;
        var scheduledBefore = _host.Jobs.Scheduled.Count;

        await _host.Get<WorkDispatcher>().RunAsync(incident.WorkspaceId, itemId, CancellationToken.None);

        var pending = await queue.FindAsync(incident.Workspace(), ChannelSyncWork.WorkKind, incident.Id, CancellationToken.None);
        Assert.NotNull(pending);
        Assert.Equal(_host.Clock.GetUtcNow(), pending.RequestedAt);
        // Its own request scheduled one job; the dispatcher makes sure of it once more.
        Assert.Equal(2, _host.Jobs.Scheduled.Skip(scheduledBefore).Count(s => s.WorkItemId == itemId));
        var state = await _host.Documents.ReadAsync<IncidentChannelState>(incident.WorkspaceId, IncidentChannelState.IdFor(incident.Number), CancellationToken.None);
        Assert.Null(state!.Value.SyncLeaseId);
        Assert.Equal(incident.Severity, state.Value.AnnouncedSeverity); // the release committed on its retry

        async Task RequestAgainAsync()
        {
            _host.Clock.Advance(TimeSpan.FromSeconds(1));
            await queue.RequestAsync(incident.Workspace(), ChannelSyncWork.WorkKind, incident.Id, null, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Changes_posted_in_one_run_are_each_recorded_before_the_next_is_sent_and_the_last_with_the_release()
    {
        var incident = await ArrangeAsync();
        await _host.RunAsync<ChannelSyncWork>(incident.Workspace(), incident.Id);
        var incidents = _host.Get<IncidentStore>();
        foreach (var text in new[] { "First observation", "Second observation" })
            Assert.True((await incidents.UpdateAsync(incident.WorkspaceId, incident.Key,
                i => IncidentLifecycle.AddNote(i, text, new UserId("U0NOTE"), _host.Clock.GetUtcNow()), CancellationToken.None)).IsSuccess);
        var failures = 0;
        _before = (method, args) => IsPostOf(method, args, "Second observation") && failures++ == 0
            ? Task.FromException<MessageRef>(new HttpRequestException("chat.postMessage answered 500"))
            : null;

        await Assert.ThrowsAsync<HttpRequestException>(() => _host.RunAsync<ChannelSyncWork>(incident.Workspace(), incident.Id));
        await _host.RunAsync<ChannelSyncWork>(incident.Workspace(), incident.Id);
        await _host.RunAsync<ChannelSyncWork>(incident.Workspace(), incident.Id);

        // The first note was recorded before the second was tried, so the retry sent only the second; the third run nothing.
        Assert.Single(_host.Chat.Messages, m => m.Message!.Text.ToPlainText().Contains("First observation", StringComparison.Ordinal));
        Assert.Single(_host.Chat.Messages, m => m.Message!.Text.ToPlainText().Contains("Second observation", StringComparison.Ordinal));
        var state = await _host.Documents.ReadAsync<IncidentChannelState>(incident.WorkspaceId, IncidentChannelState.IdFor(incident.Number), CancellationToken.None);
        var stored = await incidents.FindAsync(incident.Workspace(), incident.Key, CancellationToken.None);
        Assert.Null(state!.Value.SyncLeaseId);
        Assert.Equal(stored!.Value.Version, state.Value.PostedVersion); // recorded by the release
    }

    private static bool IsPostOf(MethodInfo method, object?[] args, string text) =>
        method.Name == nameof(IChatPlatform.PostAsync) && args[2] is ChatMessage message
        && message.Text.ToPlainText().Contains(text, StringComparison.Ordinal);

    private static bool IsAnnouncement(MethodInfo method, object?[] args) =>
        method.Name == nameof(IChatPlatform.PostAsync) && args[1] is ChannelId channel && channel == Announcements;

    private async Task<Incident> ArrangeAsync()
    {
        var incident = new IncidentBuilder().WithSeverity(Severity.Sev2).WithRoles(lead: new UserId("U0LEAD")).Build();
        await _host.Documents.CreateAsync(incident, CancellationToken.None);
        return incident;
    }
}
