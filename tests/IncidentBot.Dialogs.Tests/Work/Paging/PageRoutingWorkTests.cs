using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Paging.Routing;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Tests.Builders;
using IncidentBot.Dialogs.Work;
using IncidentBot.Testing.Builders;
using IncidentBot.Testing.Fakes;
using IncidentBot.Testing.Hosts;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Dialogs.Tests.Work.Paging;

/// <summary>One rule: every SEV1 pages the T&amp;S primary rotation.</summary>
public sealed class PageRoutingWorkTests : IAsyncLifetime
{
    private readonly DialogsHost _host;

    public PageRoutingWorkTests()
    {
        var rotation = new RotationBuilder().Build();
        var config = new OnCallConfig
        {
            Teams = [new OnCallTeam { Id = "tns", Name = "T&S", Rotations = [rotation] }],
            EscalationPolicies = [new EscalationPolicy("tns-primary-policy", "T&S primary", [new EscalationStep(StepTarget.OnCall(rotation.Id), OnCallConfig.DefaultWait)], 1, null)],
            Routes = [new RoutingRule { Name = "sev1", Severities = new HashSet<Severity> { Severity.Sev1 }, EscalationPolicyIds = ["tns-primary-policy"] }],
        };
        _host = new DialogsHost(services => services.AddSingleton<IOnCallConfigSource>(new FixedOnCallConfig(config)));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task Pages_the_policy_a_rule_matches_once()
    {
        var incident = await ArrangeAsync(Severity.Sev1);

        var outcome = await RunAsync(incident);

        Assert.Null(outcome.RunAgainAt);
        var page = Assert.Single(await PagedIncident.PagesAsync(_host, incident.WorkspaceId));
        Assert.Equal("tns-primary-policy", page.EscalationPolicy.Id);
        Assert.Equal(PageStatus.Pending, page.Status);
        Assert.Equal(_host.Clock.GetUtcNow() + OnCallConfig.DefaultWait, page.EscalateAt);
    }

    [Fact]
    public async Task Running_twice_pages_once()
    {
        var incident = await ArrangeAsync(Severity.Sev1);

        await RunAsync(incident);
        await RunAsync(incident);

        Assert.Single(await PagedIncident.PagesAsync(_host, incident.WorkspaceId));
    }

    [Fact]
    public async Task Running_an_hour_late_pages_once_and_times_the_escalation_from_now()
    {
        var incident = await ArrangeAsync(Severity.Sev1);
        _host.Clock.Advance(TimeSpan.FromHours(1));

        await RunAsync(incident);

        var page = Assert.Single(await PagedIncident.PagesAsync(_host, incident.WorkspaceId));
        Assert.Equal(_host.Clock.GetUtcNow() + OnCallConfig.DefaultWait, page.EscalateAt);
    }

    [Fact]
    public async Task An_incident_no_rule_matches_pages_nobody()
    {
        var incident = await ArrangeAsync(Severity.Sev3);

        await RunAsync(incident);

        Assert.Empty(await PagedIncident.PagesAsync(_host, incident.WorkspaceId));
    }

    [Fact]
    public async Task A_resolved_incident_stops_its_pending_pages()
    {
        var incident = await ArrangeAsync(Severity.Sev1);
        await RunAsync(incident);
        var stored = await _host.Get<IncidentStore>().FindAsync(incident.Workspace(), incident.Key, CancellationToken.None);
        await _host.Documents.ReplaceAsync(stored!.Value with { Status = IncidentStatus.Resolved, ResolvedAt = _host.Clock.GetUtcNow() }, stored.ETag, CancellationToken.None);

        await RunAsync(incident);

        Assert.Equal(PageStatus.Cancelled, Assert.Single(await PagedIncident.PagesAsync(_host, incident.WorkspaceId)).Status);
    }

    private Task<WorkOutcome> RunAsync(Incident incident) =>
        _host.RunAsync<PageRoutingWork>(new WorkspaceId(incident.WorkspaceId), incident.Id);

    private async Task<Incident> ArrangeAsync(Severity severity)
    {
        var incident = new IncidentBuilder().WithSeverity(severity).WithChannel(new ChannelId("C0INCIDENT")).WithStatus(IncidentStatus.Investigating).Build();
        await _host.Documents.CreateAsync(incident, CancellationToken.None);
        return incident;
    }
}
