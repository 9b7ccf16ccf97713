using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using IncidentBot.Testing.Hosts;

namespace IncidentBot.Dialogs.Tests.Work.Paging;

public sealed class PageEscalationWorkTests : IAsyncLifetime
{
    private readonly DialogsHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task An_unanswered_page_escalates_once_its_wait_is_over()
    {
        var page = await PagedIncident.ArrangeAsync(_host);
        _host.Clock.Advance(OnCallConfig.DefaultWait);

        var outcome = await RunAsync(page);

        Assert.Null(outcome.RunAgainAt);
        var pages = await PagedIncident.PagesAsync(_host, page.WorkspaceId);
        var escalated = Assert.Single(pages, p => p.Id == page.Id);
        Assert.Equal(PageStatus.Escalated, escalated.Status);
        var next = Assert.Single(pages, p => p.Id == escalated.NextPageId);
        Assert.Equal(PageStatus.Pending, next.Status);
        Assert.Equal(_host.Clock.GetUtcNow() + OnCallConfig.DefaultWait, next.EscalateAt);
    }

    [Fact]
    public async Task Running_before_the_wait_is_over_changes_nothing_and_comes_back_when_due()
    {
        var page = await PagedIncident.ArrangeAsync(_host);

        var outcome = await RunAsync(page);

        Assert.Equal(page.EscalateAt, outcome.RunAgainAt);
        Assert.Equal(PageStatus.Pending, Assert.Single(await PagedIncident.PagesAsync(_host, page.WorkspaceId)).Status);
    }

    [Fact]
    public async Task Running_twice_escalates_once()
    {
        var page = await PagedIncident.ArrangeAsync(_host);
        _host.Clock.Advance(OnCallConfig.DefaultWait);

        await RunAsync(page);
        var second = await RunAsync(page);

        Assert.Null(second.RunAgainAt);
        Assert.Equal(2, (await PagedIncident.PagesAsync(_host, page.WorkspaceId)).Count);
    }

    [Fact]
    public async Task Running_an_hour_late_escalates_one_step_and_times_the_next_from_now()
    {
        var page = await PagedIncident.ArrangeAsync(_host);
        _host.Clock.Advance(TimeSpan.FromHours(1));

        await RunAsync(page);

        var pages = await PagedIncident.PagesAsync(_host, page.WorkspaceId);
        Assert.Equal(2, pages.Count);
        var next = Assert.Single(pages, p => p.Id != page.Id);
        Assert.Equal(_host.Clock.GetUtcNow() + OnCallConfig.DefaultWait, next.EscalateAt);
    }

    [Fact]
    public async Task A_page_of_a_resolved_incident_is_cancelled_not_escalated()
    {
        var page = await PagedIncident.ArrangeAsync(_host);
        var incidents = _host.Get<IncidentStore>();
        var stored = await incidents.FindAsync(page.Workspace(), new IncidentNumber(page.IncidentNumber), CancellationToken.None);
        await _host.Documents.ReplaceAsync(stored!.Value with { Status = IncidentStatus.Resolved, ResolvedAt = _host.Clock.GetUtcNow() }, stored.ETag, CancellationToken.None);
        _host.Clock.Advance(OnCallConfig.DefaultWait);

        await RunAsync(page);

        Assert.Equal(PageStatus.Cancelled, Assert.Single(await PagedIncident.PagesAsync(_host, page.WorkspaceId)).Status);
    }

    private Task<WorkOutcome> RunAsync(Page page) =>
        _host.RunAsync<PageEscalationWork>(new WorkspaceId(page.WorkspaceId), page.Id);
}
