using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Rules;
using IncidentBot.Dialogs.StatusUpdates;
using IncidentBot.Dialogs.Work;
using IncidentBot.Testing.Builders;
using IncidentBot.Testing.Hosts;

namespace IncidentBot.Dialogs.Tests.Work.StatusUpdates;

public sealed class StatusUpdateReminderWorkTests : IAsyncLifetime
{
    private static readonly UserId Lead = new("U0LEAD");
    private static readonly ChannelId Channel = new("C0INCIDENT");
    private readonly DialogsHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    private TimeSpan Cadence => _host.Get<IncidentRules>().StatusUpdates.CadenceOf(Severity.Sev2)!.Value;

    [Fact]
    public async Task Reminds_the_channel_once_a_cadence_passes_without_an_update_and_plans_the_next_cadence()
    {
        var incident = await ArrangeAsync(declaredAgo: Cadence);

        var outcome = await RunAsync(incident);

        var sent = Assert.Single(_host.Chat.Messages);
        Assert.Equal(nameof(IChatPlatform.PostAsync), sent.Method);
        Assert.Equal(Channel, sent.Channel);
        Assert.Contains("INC-42", sent.Content, StringComparison.Ordinal);
        Assert.Contains(Lead.Value, sent.Content, StringComparison.Ordinal);
        Assert.Equal(DialogsHost.Start + Cadence, outcome.RunAgainAt);
    }

    [Fact]
    public async Task Running_twice_posts_nothing_more()
    {
        var incident = await ArrangeAsync(declaredAgo: Cadence);

        var first = await RunAsync(incident);
        var second = await RunAsync(incident);

        Assert.Single(_host.Chat.Messages);
        Assert.Equal(first.RunAgainAt, second.RunAgainAt);
    }

    [Fact]
    public async Task Running_ten_cadences_late_posts_one_reminder_and_plans_the_next_from_now()
    {
        var incident = await ArrangeAsync(declaredAgo: Cadence * 10 + TimeSpan.FromMinutes(1));

        var outcome = await RunAsync(incident);

        Assert.Single(_host.Chat.Messages);
        Assert.Equal(DialogsHost.Start - TimeSpan.FromMinutes(1) + Cadence, outcome.RunAgainAt);
        Assert.True(outcome.RunAgainAt > _host.Clock.GetUtcNow());
    }

    [Fact]
    public async Task A_mitigated_incident_is_not_reminded()
    {
        var incident = await ArrangeAsync(declaredAgo: Cadence, IncidentStatus.Mitigated);

        var outcome = await RunAsync(incident);

        Assert.Empty(_host.Chat.Messages);
        Assert.Null(outcome.RunAgainAt);
    }

    private Task<WorkOutcome> RunAsync(Incident incident) =>
        _host.RunAsync<StatusUpdateReminderWork>(new WorkspaceId(incident.WorkspaceId), incident.Id);

    private async Task<Incident> ArrangeAsync(TimeSpan declaredAgo, IncidentStatus status = IncidentStatus.Investigating)
    {
        var built = new IncidentBuilder().WithSeverity(Severity.Sev2).WithRoles(lead: Lead).WithChannel(Channel).WithStatus(status).Build();
        // Moved so that it was declared the given time before the host's clock, its acknowledgement with it.
        var shift = DialogsHost.Start - declaredAgo - built.DeclaredAt;
        var incident = built with
        {
            DeclaredAt = built.DeclaredAt + shift,
            AcknowledgedAt = built.AcknowledgedAt + shift,
            MitigatedAt = built.MitigatedAt + shift,
            UpdatedAt = built.UpdatedAt + shift,
        };
        await _host.Documents.CreateAsync(incident, CancellationToken.None);
        return incident;
    }
}
