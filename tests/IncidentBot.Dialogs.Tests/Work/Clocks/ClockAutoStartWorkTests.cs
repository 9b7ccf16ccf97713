using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using IncidentBot.Testing.Builders;
using IncidentBot.Testing.Hosts;

namespace IncidentBot.Dialogs.Tests.Work.Clocks;

/// <summary>The default policy starts <c>regulator-ack</c> (regulator, SEV1/2) and <c>in-takedown-order</c> (regulator, India).</summary>
public sealed class ClockAutoStartWorkTests : IAsyncLifetime
{
    private readonly DialogsHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task Starts_the_clocks_the_policy_names_from_the_declaration()
    {
        var incident = await ArrangeAsync(declaredAgo: TimeSpan.FromMinutes(1));

        var outcome = await RunAsync(incident);

        Assert.Null(outcome.RunAgainAt);
        var clocks = await ClocksAsync(incident);
        Assert.Equal(["in-takedown-order", "regulator-ack"], clocks.Select(c => c.Value.Name).Order(StringComparer.Ordinal));
        Assert.All(clocks, c => Assert.Equal(incident.DeclaredAt, c.Value.StartedAt));
        Assert.Empty(_host.Chat.Messages);
    }

    [Fact]
    public async Task Running_twice_starts_nothing_twice()
    {
        var incident = await ArrangeAsync(declaredAgo: TimeSpan.FromMinutes(1));

        await RunAsync(incident);
        var first = await ClocksAsync(incident);
        await RunAsync(incident);
        var second = await ClocksAsync(incident);

        Assert.Equal(first.Select(c => (c.Value.Id, c.ETag)), second.Select(c => (c.Value.Id, c.ETag)));
    }

    [Fact]
    public async Task Running_a_day_late_still_runs_the_clocks_from_the_declaration_and_alerts_once_now()
    {
        var incident = await ArrangeAsync(declaredAgo: TimeSpan.FromDays(1));

        await RunAsync(incident);
        await _host.RunDueWorkAsync(new WorkspaceId(incident.WorkspaceId));

        var clocks = await ClocksAsync(incident);
        Assert.Equal(2, clocks.Count);
        Assert.All(clocks, c => Assert.Equal(incident.DeclaredAt, c.Value.StartedAt));
        // Both windows ended long ago: one breach alert each, not one per missed warning point.
        // The alerts, not the pinned summary (which lists the clocks too): each tells how to record that it was met in time.
        var breaches = _host.Chat.Messages.Count(m => m.Method == nameof(IChatPlatform.PostAsync) && m.Content.Contains("clock met", StringComparison.Ordinal));
        Assert.True(breaches == 2, $"{breaches} breach alerts. " + await _host.DescribeAsync(new WorkspaceId(incident.WorkspaceId)));
    }

    [Fact]
    public async Task A_cancelled_incident_gets_no_clocks()
    {
        var incident = await ArrangeAsync(declaredAgo: TimeSpan.FromMinutes(1), IncidentStatus.Cancelled);

        await RunAsync(incident);

        Assert.Empty(await ClocksAsync(incident));
    }

    private Task<WorkOutcome> RunAsync(Incident incident) =>
        _host.RunAsync<ClockAutoStartWork>(new WorkspaceId(incident.WorkspaceId), incident.Id);

    private async Task<IReadOnlyList<Versioned<Clock>>> ClocksAsync(Incident incident)
    {
        var clocks = new List<Versioned<Clock>>();
        await foreach (var clock in _host.Documents.QueryAsync<Clock>(new DocumentQuery(incident.WorkspaceId, Clock.DocumentType), CancellationToken.None))
            clocks.Add(clock);
        return clocks;
    }

    private async Task<Incident> ArrangeAsync(TimeSpan declaredAgo, IncidentStatus status = IncidentStatus.Declared)
    {
        var built = new IncidentBuilder().WithSource(IncidentSource.Regulator).WithSeverity(Severity.Sev1).WithMarkets("IN")
            .WithRoles(lead: new UserId("U0LEAD")).WithChannel(new ChannelId("C0INCIDENT")).WithStatus(status).Build();
        var shift = DialogsHost.Start - declaredAgo - built.DeclaredAt;
        var incident = built with
        {
            DeclaredAt = built.DeclaredAt + shift,
            AcknowledgedAt = built.AcknowledgedAt + shift,
            CancelledAt = built.CancelledAt + shift,
            UpdatedAt = built.UpdatedAt + shift,
        };
        await _host.Documents.CreateAsync(incident, CancellationToken.None);
        return incident;
    }
}
