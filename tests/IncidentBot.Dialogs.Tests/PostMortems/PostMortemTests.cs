using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.PostMortems;
using IncidentBot.Dialogs.Tests.Time;
using IncidentBot.Dialogs.Time;

namespace IncidentBot.Dialogs.Tests.PostMortems;

public sealed class PostMortemTests
{
    private static readonly PostMortem Waiting = new()
    {
        WorkspaceId = "T0",
        IncidentNumber = 7,
        Owner = new UserId("U0ALICE"),
        Status = PostMortemStatus.Waiting,
    };

    [Fact]
    public void Due_five_business_days_after_the_resolution_day_in_the_owners_zone()
    {
        // Friday 20:00 UTC is already Saturday 01:45 in Kathmandu: counting starts on Monday there.
        var resolved = Zones.Utc(2026, 3, 6, 20);

        var inKathmandu = Waiting.DueFor(resolved, resolved, Zones.Kathmandu, BusinessCalendar.Default, 5);
        var inBerlin = Waiting.DueFor(resolved, resolved, Zones.Berlin, BusinessCalendar.Default, 5);

        Assert.Equal(new DateOnly(2026, 3, 13), inKathmandu.DueDate);
        Assert.Equal(new DateOnly(2026, 3, 13), inBerlin.DueDate);
        Assert.Equal(new DateTimeOffset(2026, 3, 13, 11, 15, 0, TimeSpan.Zero), inKathmandu.DueAt); // 17:00 +05:45
        Assert.Equal("Asia/Kathmandu", inKathmandu.OwnerTimeZone);
    }

    [Fact]
    public void A_resolution_on_thursday_evening_counts_from_thursday()
    {
        var resolved = Zones.Utc(2026, 3, 5, 18); // Thursday 19:00 Berlin

        Assert.Equal(new DateOnly(2026, 3, 12), Waiting.DueFor(resolved, resolved, Zones.Berlin, BusinessCalendar.Default, 5).DueDate);
    }

    [Fact]
    public void Due_dates_skip_holidays_and_cross_the_change_to_summer_time()
    {
        var calendar = BusinessCalendar.Default with { Holidays = new HashSet<DateOnly> { new(2026, 4, 3), new(2026, 4, 6) } };
        var resolved = Zones.Utc(2026, 3, 27, 12); // Friday before the clocks change

        var due = Waiting.DueFor(resolved, resolved, Zones.Berlin, calendar, 5);

        Assert.Equal(new DateOnly(2026, 4, 7), due.DueDate); // Mon 30, Tue 31, Wed 1, Thu 2, (Good Friday, weekend, Easter Monday) Tue 7
        Assert.Equal(Zones.Utc(2026, 4, 7, 15), due.DueAt);   // 17:00 CEST
    }

    [Fact]
    public void Reminders_come_on_assignment_the_day_before_on_the_day_and_daily_when_overdue()
    {
        var resolved = Zones.Utc(2026, 3, 2, 14); // Monday 15:00 Berlin
        var pm = Waiting.DueFor(resolved, resolved, Zones.Berlin, BusinessCalendar.Default, 5);

        var plan = pm.Reminders(BusinessCalendar.Default, Zones.Berlin, remindBefore: 1).Take(6).ToList();

        Assert.Equal(["assigned", "before", "due", "overdue-1", "overdue-2", "overdue-3"], plan.Select(p => p.Key));
        Assert.Equal(
            [resolved, Zones.Utc(2026, 3, 6, 8), Zones.Utc(2026, 3, 9, 8), Zones.Utc(2026, 3, 10, 8), Zones.Utc(2026, 3, 11, 8), Zones.Utc(2026, 3, 12, 8)],
            plan.Select(p => p.At));
    }

    [Fact]
    public void An_assignment_at_night_waits_for_the_owners_morning()
    {
        var resolved = Zones.Utc(2026, 3, 2, 22);
        var pm = Waiting.DueFor(resolved, resolved, Zones.Berlin, BusinessCalendar.Default, 5);

        Assert.Equal(Zones.Utc(2026, 3, 3, 8), pm.Reminders(BusinessCalendar.Default, Zones.Berlin, 1).First().At);
    }
}
