using IncidentBot.Dialogs.ActionItems;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Reminders;
using IncidentBot.Dialogs.Tests.Time;
using IncidentBot.Dialogs.Time;

namespace IncidentBot.Dialogs.Tests.ActionItems;

public sealed class ActionItemTests
{
    private static readonly ActionItem Item = new()
    {
        WorkspaceId = "T0",
        IncidentNumber = 7,
        Sequence = 1,
        Text = "Update the hash list",
        Owner = new UserId("U0BOB"),
        CreatedBy = new UserId("U0ALICE"),
        CreatedAt = Zones.Utc(2026, 3, 2, 9),
    };

    [Fact]
    public void A_due_day_reminds_at_the_start_of_the_owners_working_day_then_daily_on_business_days()
    {
        var item = Item with { DueDate = new DateOnly(2026, 3, 6) }; // Friday

        var plan = item.Reminders(BusinessCalendar.Default, Zones.Kathmandu, isUrgent: false, overdueReminders: 3).ToList();

        var nineInKathmandu = new TimeSpan(3, 15, 0);
        Assert.Equal(
            [new DateTimeOffset(2026, 3, 6, 0, 0, 0, TimeSpan.Zero) + nineInKathmandu, // Friday
             new DateTimeOffset(2026, 3, 9, 0, 0, 0, TimeSpan.Zero) + nineInKathmandu, // Saturday → Monday
             new DateTimeOffset(2026, 3, 9, 0, 0, 0, TimeSpan.Zero) + nineInKathmandu, // Sunday → Monday
             new DateTimeOffset(2026, 3, 9, 0, 0, 0, TimeSpan.Zero) + nineInKathmandu], // Monday
            plan.Select(p => p.At));
        // On Monday morning the three land together and only the latest goes out.
        var due = ReminderPlan.Due(plan, [new SentReminder { Key = "r0", PlannedAt = plan[0].At, ClaimedAt = plan[0].At, SentAt = plan[0].At }], plan[1].At)!;
        Assert.Equal("r3", due.Latest.Key);
        Assert.Equal(2, due.Superseded.Count);
    }

    [Fact]
    public void A_due_moment_at_night_is_held_back_to_the_owners_morning()
    {
        var item = Item with { DueAt = Zones.Utc(2026, 3, 3, 20) }; // 21:00 in Berlin

        var first = item.Reminders(BusinessCalendar.Default, Zones.Berlin, isUrgent: false, overdueReminders: 0).Single();

        Assert.Equal(Zones.Utc(2026, 3, 4, 8), first.At);
    }

    [Fact]
    public void On_a_sev1_the_reminder_goes_at_the_due_moment_whatever_the_hour()
    {
        var item = Item with { DueAt = Zones.Utc(2026, 3, 3, 20) };

        var first = item.Reminders(BusinessCalendar.Default, Zones.Berlin, isUrgent: true, overdueReminders: 0).Single();

        Assert.Equal(Zones.Utc(2026, 3, 3, 20), first.At);
    }

    [Fact]
    public void A_done_item_plans_nothing()
    {
        var done = Item with { DueDate = new DateOnly(2026, 3, 6), Status = ActionItemStatus.Done };

        Assert.Empty(done.Reminders(BusinessCalendar.Default, Zones.Berlin, false, 3));
    }
}
