using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using IncidentBot.Testing.Builders;
using IncidentBot.Testing.Hosts;

namespace IncidentBot.Dialogs.Tests.Work.Clocks;

public sealed class ClockAlertWorkTests : IAsyncLifetime
{
    private static readonly UserId Lead = new("U0LEAD");
    private static readonly ChannelId Channel = new("C0INCIDENT");
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private readonly DialogsHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task Warns_the_channel_once_at_the_first_warning_point_and_plans_the_next_point()
    {
        // Warning points at 50 %, 75 % and 90 % of the window: half of it has gone.
        var clock = await ArrangeAsync(startedAgo: Window / 2);

        var outcome = await RunAsync(clock);

        var sent = Assert.Single(_host.Chat.Messages);
        Assert.Equal(nameof(IChatPlatform.PostAsync), sent.Method);
        Assert.Equal(Channel, sent.Channel);
        Assert.Contains("removal-order", sent.Content, StringComparison.Ordinal);
        Assert.Equal(clock.InstantOf(0.75), outcome.RunAgainAt);
    }

    [Fact]
    public async Task Running_twice_posts_nothing_more()
    {
        var clock = await ArrangeAsync(startedAgo: Window / 2);

        var first = await RunAsync(clock);
        var second = await RunAsync(clock);

        Assert.Single(_host.Chat.Messages);
        Assert.Equal(first.RunAgainAt, second.RunAgainAt);
    }

    [Fact]
    public async Task Running_after_the_breach_posts_one_breach_alert_not_every_missed_warning()
    {
        var clock = await ArrangeAsync(startedAgo: Window * 3);

        var outcome = await RunAsync(clock);

        var sent = Assert.Single(_host.Chat.Messages);
        Assert.Contains("breached", sent.Content, StringComparison.Ordinal);
        Assert.Null(outcome.RunAgainAt);
        var stored = await _host.Get<ClockStore>().FindAsync(clock.Workspace(), clock.Id, CancellationToken.None);
        Assert.NotNull(stored!.Value.BreachedAt);
    }

    [Fact]
    public async Task A_met_clock_alerts_nobody()
    {
        var clock = await ArrangeAsync(startedAgo: Window / 2, metAt: DialogsHost.Start - TimeSpan.FromMinutes(1));

        var outcome = await RunAsync(clock);

        Assert.Empty(_host.Chat.Messages);
        Assert.Null(outcome.RunAgainAt);
    }

    private Task<WorkOutcome> RunAsync(Clock clock) =>
        _host.RunAsync<ClockAlertWork>(new WorkspaceId(clock.WorkspaceId), clock.Id);

    private async Task<Clock> ArrangeAsync(TimeSpan startedAgo, DateTimeOffset? metAt = null)
    {
        var incident = new IncidentBuilder().WithSeverity(Severity.Sev1).WithRoles(lead: Lead).WithChannel(Channel).WithStatus(IncidentStatus.Investigating).Build();
        await _host.Documents.CreateAsync(incident, CancellationToken.None);
        var startedAt = DialogsHost.Start - startedAgo;
        var clock = new Clock
        {
            WorkspaceId = incident.WorkspaceId,
            IncidentNumber = incident.Number,
            Name = "removal-order",
            Window = Window,
            StartedAt = startedAt,
            RecordedAt = startedAt,
            MetAt = metAt,
        };
        await _host.Documents.CreateAsync(clock, CancellationToken.None);
        return clock;
    }
}
