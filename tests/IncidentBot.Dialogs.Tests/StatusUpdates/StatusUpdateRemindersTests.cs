using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Reminders;
using IncidentBot.Dialogs.StatusUpdates;
using IncidentBot.Testing.Builders;

namespace IncidentBot.Dialogs.Tests.StatusUpdates;

public sealed class StatusUpdateRemindersTests
{
    private static readonly DateTimeOffset Declared = IncidentBuilder.DefaultDeclaredAt;

    [Theory]
    [InlineData(Severity.Sev1, 30)]
    [InlineData(Severity.Sev2, 60)]
    [InlineData(Severity.Sev3, 240)]
    public void The_first_reminder_is_one_cadence_after_the_declaration(Severity severity, int minutes)
    {
        var incident = new IncidentBuilder().WithSeverity(severity).WithStatus(IncidentStatus.Investigating).Build();

        Assert.Equal(Declared.AddMinutes(minutes), StatusUpdateReminderWork.Plan(incident, StatusUpdateRules.Default).First().At);
    }

    [Fact]
    public void A_status_update_moves_the_reminders_on()
    {
        var incident = new IncidentBuilder().WithSeverity(Severity.Sev1).Build() with { LastStatusUpdateAt = Declared.AddMinutes(25) };

        Assert.Equal([Declared.AddMinutes(55), Declared.AddMinutes(85)], StatusUpdateReminderWork.Plan(incident, StatusUpdateRules.Default).Take(2).Select(p => p.At));
    }

    [Fact]
    public void Sev4_mitigated_and_resolved_incidents_need_no_reminders()
    {
        Assert.Empty(StatusUpdateReminderWork.Plan(new IncidentBuilder().WithSeverity(Severity.Sev4).Build(), StatusUpdateRules.Default));
        Assert.Empty(StatusUpdateReminderWork.Plan(new IncidentBuilder().WithSeverity(Severity.Sev1).WithStatus(IncidentStatus.Mitigated).Build(), StatusUpdateRules.Default));
        Assert.Empty(StatusUpdateReminderWork.Plan(new IncidentBuilder().WithSeverity(Severity.Sev1).WithStatus(IncidentStatus.Resolved).Build(), StatusUpdateRules.Default));
    }

    [Fact]
    public void Raising_the_severity_brings_the_next_reminder_forward_without_repeating_one_already_sent()
    {
        var sev2 = new IncidentBuilder().WithSeverity(Severity.Sev2).Build();
        var first = StatusUpdateReminderWork.Plan(sev2, StatusUpdateRules.Default).First();
        var sent = new[] { new SentReminder { Key = first.Key, PlannedAt = first.At, ClaimedAt = first.At, SentAt = first.At } };
        var sev1 = sev2 with { Severity = Severity.Sev1 };

        // Sent at +60m under SEV2; as SEV1 the +30m and +60m reminders are behind it, +90m is next.
        Assert.Null(ReminderPlan.Due(StatusUpdateReminderWork.Plan(sev1, StatusUpdateRules.Default), sent, Declared.AddMinutes(61)));
        Assert.Equal(Declared.AddMinutes(90), ReminderPlan.Next(StatusUpdateReminderWork.Plan(sev1, StatusUpdateRules.Default), sent, Declared.AddMinutes(61)));
    }
}
