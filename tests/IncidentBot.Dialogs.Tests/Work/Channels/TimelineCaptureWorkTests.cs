using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Work;
using IncidentBot.Testing.Builders;
using IncidentBot.Testing.Hosts;

namespace IncidentBot.Dialogs.Tests.Work.Channels;

public sealed class TimelineCaptureWorkTests : IAsyncLifetime
{
    private static readonly ChannelId Channel = new("C0INCIDENT");
    private static readonly UserId Reactor = new("U0SCRIBE");
    private const string MessageId = "1772532000.000100";
    private readonly DialogsHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task Adds_the_reacted_to_message_to_the_timeline_once()
    {
        var incident = await ArrangeAsync();

        var outcome = await RunAsync(incident, Channel);

        Assert.Null(outcome.RunAgainAt);
        var captured = Assert.Single(await CapturedAsync(incident));
        Assert.Contains("mirror accounts", captured.Text, StringComparison.Ordinal);
        Assert.Empty(_host.Chat.Messages);
    }

    [Fact]
    public async Task Running_twice_records_it_once()
    {
        var incident = await ArrangeAsync();

        await RunAsync(incident, Channel);
        await RunAsync(incident, Channel);

        Assert.Single(await CapturedAsync(incident));
    }

    [Fact]
    public async Task Running_a_day_late_records_it_once()
    {
        var incident = await ArrangeAsync();
        _host.Clock.Advance(TimeSpan.FromDays(1));

        await RunAsync(incident, Channel);

        Assert.Single(await CapturedAsync(incident));
    }

    [Fact]
    public async Task A_message_outside_an_incident_channel_is_not_recorded()
    {
        var incident = await ArrangeAsync();

        await RunAsync(incident, new ChannelId("C0GENERAL"));

        Assert.Empty(await CapturedAsync(incident));
        Assert.DoesNotContain(_host.Chat.Calls, c => c.Method == nameof(IChatPlatform.FetchMessageAsync));
    }

    private Task<WorkOutcome> RunAsync(Incident incident, ChannelId channel) =>
        _host.RunAsync<TimelineCaptureWork>(new WorkspaceId(incident.WorkspaceId), TimelineCaptureWork.TargetFor(PlatformId.Slack, channel, MessageId, Reactor));

    private async Task<IReadOnlyList<TimelineEvent>> CapturedAsync(Incident incident)
    {
        var events = new List<TimelineEvent>();
        await foreach (var e in _host.Get<IncidentStore>().TimelineAsync(incident.WorkspaceId, incident.Key, CancellationToken.None))
        {
            if (e.Text?.Contains("mirror accounts", StringComparison.Ordinal) == true)
                events.Add(e);
        }
        return events;
    }

    private async Task<Incident> ArrangeAsync()
    {
        var incident = new IncidentBuilder().WithChannel(Channel).WithStatus(IncidentStatus.Investigating).Build();
        await _host.Documents.CreateAsync(incident, CancellationToken.None);
        _host.Chat.AddChannelMessage(new MessageRef(Channel, MessageId), "Found 40 mirror accounts re-uploading the video");
        return incident;
    }
}
