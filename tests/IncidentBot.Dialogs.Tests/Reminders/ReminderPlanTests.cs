using IncidentBot.Dialogs.Reminders;
using IncidentBot.Dialogs.Tests.Time;

namespace IncidentBot.Dialogs.Tests.Reminders;

public sealed class ReminderPlanTests
{
    private static readonly DateTimeOffset T0 = Zones.Utc(2026, 3, 2, 9);

    private static readonly PlannedReminder[] Plan =
    [
        new("a", T0.AddMinutes(10)),
        new("b", T0.AddMinutes(20)),
        new("c", T0.AddMinutes(30)),
    ];

    private static SentReminder Sent(PlannedReminder reminder) =>
        new() { Key = reminder.Key, PlannedAt = reminder.At, ClaimedAt = reminder.At, SentAt = reminder.At };

    [Fact]
    public void Nothing_is_due_before_the_first_reminder()
    {
        Assert.Null(ReminderPlan.Due(Plan, [], T0.AddMinutes(9)));
        Assert.Equal(T0.AddMinutes(10), ReminderPlan.Next(Plan, [], T0.AddMinutes(9)));
    }

    [Fact]
    public void A_reminder_is_due_at_its_exact_instant()
    {
        var due = ReminderPlan.Due(Plan, [], T0.AddMinutes(10))!;

        Assert.Equal("a", due.Latest.Key);
        Assert.Empty(due.Superseded);
    }

    [Fact]
    public void After_downtime_only_the_latest_missed_reminder_is_due_and_the_others_are_skipped()
    {
        var due = ReminderPlan.Due(Plan, [], T0.AddMinutes(25))!;

        Assert.Equal("b", due.Latest.Key);
        Assert.Equal(["a"], due.Superseded.Select(s => s.Key));
    }

    [Fact]
    public void A_sent_reminder_is_not_due_again_and_the_next_one_follows()
    {
        var sent = new[] { Sent(Plan[0]) };

        Assert.Null(ReminderPlan.Due(Plan, sent, T0.AddMinutes(15)));
        Assert.Equal(T0.AddMinutes(20), ReminderPlan.Next(Plan, sent, T0.AddMinutes(15)));
    }

    [Fact]
    public void Reminders_planned_before_the_last_sent_one_never_come_due()
    {
        var sent = new[] { Sent(Plan[1]) };

        Assert.Null(ReminderPlan.Due(Plan, sent, T0.AddMinutes(25)));
    }

    [Fact]
    public void A_claim_without_a_send_leaves_the_reminder_due()
    {
        var claimed = new[] { Sent(Plan[0]) with { SentAt = null } };

        Assert.Equal("a", ReminderPlan.Due(Plan, claimed, T0.AddMinutes(11))!.Latest.Key);
    }

    [Fact]
    public void A_plan_that_is_over_has_no_next()
    {
        Assert.Null(ReminderPlan.Next(Plan, [.. Plan.Select(Sent)], T0.AddHours(1)));
    }
}
