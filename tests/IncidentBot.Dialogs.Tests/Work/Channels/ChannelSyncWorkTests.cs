using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using IncidentBot.Testing.Builders;
using IncidentBot.Testing.Hosts;

namespace IncidentBot.Dialogs.Tests.Work.Channels;

public sealed class ChannelSyncWorkTests : IAsyncLifetime
{
    private readonly DialogsHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task Opens_the_incident_channel_once_and_posts_the_summary_there()
    {
        var incident = await ArrangeAsync();

        var outcome = await RunAsync(incident);

        Assert.Null(outcome.RunAgainAt);
        var created = Assert.Single(_host.Chat.Calls, c => c.Method == nameof(IChatPlatform.CreateChannelAsync));
        Assert.Contains("42", created.Text, StringComparison.Ordinal);
        Assert.Contains(_host.Chat.Messages, m => m.Channel == created.Channel && m.Content.Contains("INC-42", StringComparison.Ordinal));
        var stored = await _host.Get<IncidentStore>().FindAsync(incident.Workspace(), incident.Key, CancellationToken.None);
        Assert.Equal(created.Channel, stored!.Value.Channel);
    }

    [Fact]
    public async Task Running_twice_sends_and_changes_nothing_more()
    {
        var incident = await ArrangeAsync();

        await RunAsync(incident);
        var calls = _host.Chat.Calls.Count;
        var stored = await _host.Get<IncidentStore>().FindAsync(incident.Workspace(), incident.Key, CancellationToken.None);
        await RunAsync(incident);

        Assert.Equal(calls, _host.Chat.Calls.Count);
        var again = await _host.Get<IncidentStore>().FindAsync(incident.Workspace(), incident.Key, CancellationToken.None);
        Assert.Equal(stored!.ETag, again!.ETag);
    }

    [Fact]
    public async Task Running_a_day_late_opens_one_channel()
    {
        var incident = await ArrangeAsync();
        _host.Clock.Advance(TimeSpan.FromDays(1));

        await RunAsync(incident);
        await RunAsync(incident);

        Assert.Single(_host.Chat.Calls, c => c.Method == nameof(IChatPlatform.CreateChannelAsync));
    }

    private Task<WorkOutcome> RunAsync(Incident incident) =>
        _host.RunAsync<ChannelSyncWork>(new WorkspaceId(incident.WorkspaceId), incident.Id);

    private async Task<Incident> ArrangeAsync()
    {
        var incident = new IncidentBuilder().WithSeverity(Severity.Sev2).WithRoles(lead: new UserId("U0LEAD")).Build();
        await _host.Documents.CreateAsync(incident, CancellationToken.None);
        return incident;
    }
}
