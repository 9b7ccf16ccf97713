using IncidentBot.Dialogs.ActionItems;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Testing.Builders;
using IncidentBot.Testing.Hosts;

namespace IncidentBot.Dialogs.Tests.Work.ActionItems;

public sealed class ActionItemReminderWorkTests : IAsyncLifetime
{
    private static readonly UserId Owner = new("U0OWNER");
    private readonly DialogsHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task Reminds_the_owner_once_when_the_item_falls_due_and_plans_the_next_day()
    {
        var item = await ArrangeAsync(dueAt: DialogsHost.Start);

        var outcome = await _host.RunAsync<ActionItemReminderWork>(Workspace(item), item.Id);

        var sent = Assert.Single(_host.Chat.Messages);
        Assert.Equal(nameof(IChatPlatform.SendDirectAsync), sent.Method);
        Assert.Equal(Owner, sent.User);
        Assert.Contains("INC-42", sent.Content, StringComparison.Ordinal);
        Assert.Contains("takedown runbook", sent.Content, StringComparison.Ordinal);
        Assert.Equal(DialogsHost.Start.AddDays(1), outcome.RunAgainAt);
    }

    [Fact]
    public async Task Running_twice_sends_nothing_more()
    {
        var item = await ArrangeAsync(dueAt: DialogsHost.Start);

        var first = await _host.RunAsync<ActionItemReminderWork>(Workspace(item), item.Id);
        var second = await _host.RunAsync<ActionItemReminderWork>(Workspace(item), item.Id);

        Assert.Single(_host.Chat.Messages);
        Assert.Equal(first.RunAgainAt, second.RunAgainAt);
    }

    [Fact]
    public async Task Running_days_late_sends_one_overdue_reminder_and_plans_the_next_from_now()
    {
        var item = await ArrangeAsync(dueAt: DialogsHost.Start);
        _host.Clock.Advance(TimeSpan.FromDays(4) + TimeSpan.FromHours(1));

        var outcome = await _host.RunAsync<ActionItemReminderWork>(Workspace(item), item.Id);

        var sent = Assert.Single(_host.Chat.Messages);
        Assert.Contains("overdue", sent.Content, StringComparison.Ordinal);
        // Four missed daily reminders are skipped, not sent; the next is the fifth day's.
        Assert.Equal(DialogsHost.Start.AddDays(5), outcome.RunAgainAt);
        Assert.True(outcome.RunAgainAt > _host.Clock.GetUtcNow());
    }

    [Fact]
    public async Task A_done_item_gets_no_reminder()
    {
        var item = await ArrangeAsync(dueAt: DialogsHost.Start, status: ActionItemStatus.Done);

        var outcome = await _host.RunAsync<ActionItemReminderWork>(Workspace(item), item.Id);

        Assert.Empty(_host.Chat.Messages);
        Assert.Null(outcome.RunAgainAt);
    }

    private static WorkspaceId Workspace(ActionItem item) => new(item.WorkspaceId);

    // SEV1: reminders go at the due moment, not held back to working hours, so the times are exact.
    private async Task<ActionItem> ArrangeAsync(DateTimeOffset dueAt, ActionItemStatus status = ActionItemStatus.Open)
    {
        var incident = new IncidentBuilder().WithSeverity(Severity.Sev1).WithStatus(IncidentStatus.Resolved).Build();
        await _host.Documents.CreateAsync(incident, CancellationToken.None);
        var item = new ActionItem
        {
            WorkspaceId = incident.WorkspaceId,
            IncidentNumber = incident.Number,
            Sequence = 1,
            Text = "Write a takedown runbook for removal orders",
            Owner = Owner,
            CreatedBy = IncidentBuilder.DefaultReporter,
            CreatedAt = incident.DeclaredAt,
            DueAt = dueAt,
            Status = status,
        };
        await _host.Documents.CreateAsync(item, CancellationToken.None);
        return item;
    }
}
