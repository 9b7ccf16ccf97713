using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.PostMortems;
using IncidentBot.Dialogs.Work;
using IncidentBot.Testing.Builders;
using IncidentBot.Testing.Hosts;

namespace IncidentBot.Dialogs.Tests.Work.PostMortems;

public sealed class PostMortemReminderWorkTests : IAsyncLifetime
{
    private static readonly UserId Lead = new("U0LEAD");
    private readonly DialogsHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task A_resolved_sev2_makes_the_post_mortem_due_and_tells_the_lead_once()
    {
        var incident = await ArrangeResolvedAsync(Severity.Sev2);

        var outcome = await RunAsync(incident);

        var sent = Assert.Single(_host.Chat.Messages);
        Assert.Equal(nameof(IChatPlatform.SendDirectAsync), sent.Method);
        Assert.Equal(Lead, sent.User);
        Assert.Contains("INC-42", sent.Content, StringComparison.Ordinal);
        Assert.Contains("post-mortem", sent.Content, StringComparison.Ordinal);
        var postMortem = await StoredAsync(incident);
        Assert.Equal(PostMortemStatus.Due, postMortem.Status);
        Assert.Equal(Lead, postMortem.Owner);
        Assert.NotNull(outcome.RunAgainAt);
        Assert.True(outcome.RunAgainAt > _host.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Running_twice_sends_nothing_more_and_changes_nothing()
    {
        var incident = await ArrangeResolvedAsync(Severity.Sev2);

        var first = await RunAsync(incident);
        var stored = await _host.Documents.ReadAsync<PostMortem>(incident.WorkspaceId, PostMortem.IdFor(incident.Number), CancellationToken.None);
        var second = await RunAsync(incident);

        Assert.Single(_host.Chat.Messages);
        Assert.Equal(first.RunAgainAt, second.RunAgainAt);
        var again = await _host.Documents.ReadAsync<PostMortem>(incident.WorkspaceId, PostMortem.IdFor(incident.Number), CancellationToken.None);
        Assert.Equal(stored!.ETag, again!.ETag);
    }

    [Fact]
    public async Task Running_weeks_late_sends_one_overdue_reminder_not_one_per_missed_day()
    {
        var incident = await ArrangeResolvedAsync(Severity.Sev2);
        await RunAsync(incident);
        _host.Clock.Advance(TimeSpan.FromDays(30));

        var outcome = await RunAsync(incident);

        Assert.Equal(2, _host.Chat.Messages.Count);
        Assert.Contains("overdue", _host.Chat.Messages[^1].Content, StringComparison.Ordinal);
        Assert.True(outcome.RunAgainAt is null || outcome.RunAgainAt > _host.Clock.GetUtcNow(),
            $"The next reminder is planned from now, not in the past: {outcome.RunAgainAt:O}.");
    }

    [Fact]
    public async Task A_sev3_owes_no_post_mortem()
    {
        var incident = await ArrangeResolvedAsync(Severity.Sev3);

        var outcome = await RunAsync(incident);

        Assert.Empty(_host.Chat.Messages);
        Assert.Null(outcome.RunAgainAt);
        Assert.Null(await _host.Documents.ReadAsync<PostMortem>(incident.WorkspaceId, PostMortem.IdFor(incident.Number), CancellationToken.None));
    }

    private Task<WorkOutcome> RunAsync(Incident incident) =>
        _host.RunAsync<PostMortemReminderWork>(new WorkspaceId(incident.WorkspaceId), incident.Id);

    private async Task<PostMortem> StoredAsync(Incident incident) =>
        (await _host.Documents.ReadAsync<PostMortem>(incident.WorkspaceId, PostMortem.IdFor(incident.Number), CancellationToken.None))!.Value;

    private async Task<Incident> ArrangeResolvedAsync(Severity severity)
    {
        var incident = new IncidentBuilder().WithSeverity(severity).WithRoles(lead: Lead).WithStatus(IncidentStatus.Resolved).Build();
        await _host.Documents.CreateAsync(incident, CancellationToken.None);
        return incident;
    }
}
