using IncidentBot.Dialogs.Time;

namespace IncidentBot.Dialogs.Tests.Time;

public sealed class BusinessCalendarTests
{
    private static readonly BusinessCalendar Calendar = BusinessCalendar.Default;

    [Fact]
    public void Five_business_days_after_a_wednesday_is_the_next_wednesday()
    {
        Assert.Equal(new DateOnly(2026, 3, 11), Calendar.AddBusinessDays(new DateOnly(2026, 3, 4), 5));
    }

    [Fact]
    public void Counting_from_a_saturday_starts_on_monday()
    {
        Assert.Equal(new DateOnly(2026, 3, 13), Calendar.AddBusinessDays(new DateOnly(2026, 3, 7), 5));
    }

    [Fact]
    public void Holidays_are_skipped_like_weekends()
    {
        var withHolidays = Calendar with { Holidays = new HashSet<DateOnly> { new(2026, 4, 3), new(2026, 4, 6) } }; // Good Friday, Easter Monday

        Assert.Equal(new DateOnly(2026, 4, 9), withHolidays.AddBusinessDays(new DateOnly(2026, 4, 2), 3));
    }

    [Fact]
    public void Subtracting_business_days_skips_the_weekend_backwards()
    {
        Assert.Equal(new DateOnly(2026, 3, 6), Calendar.SubtractBusinessDays(new DateOnly(2026, 3, 9), 1));
    }

    [Fact]
    public void The_end_of_a_working_day_in_berlin_follows_the_change_to_summer_time()
    {
        // Clocks go forward on Sunday 29 March 2026: 17:00 is 16:00 UTC before, 15:00 UTC after.
        Assert.Equal(Zones.Utc(2026, 3, 27, 16), Calendar.EndOfWorkingDay(new DateOnly(2026, 3, 27), Zones.Berlin));
        Assert.Equal(Zones.Utc(2026, 3, 30, 15), Calendar.EndOfWorkingDay(new DateOnly(2026, 3, 30), Zones.Berlin));
    }

    [Fact]
    public void The_start_of_a_working_day_in_kathmandu_is_at_a_quarter_past_three_utc()
    {
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 3, 15, 0, TimeSpan.Zero), Calendar.StartOfWorkingDay(new DateOnly(2026, 3, 2), Zones.Kathmandu));
    }

    [Fact]
    public void A_moment_within_working_hours_stays_where_it_is()
    {
        var at = Zones.Utc(2026, 3, 3, 10); // Tuesday 11:00 in Berlin

        Assert.Equal(at, Calendar.NextWorkingInstant(at, Zones.Berlin));
    }

    [Fact]
    public void An_evening_moment_moves_to_nine_the_next_morning_in_the_persons_zone()
    {
        var evening = Zones.Utc(2026, 3, 3, 14); // Tuesday 19:45 in Kathmandu

        Assert.Equal(new DateTimeOffset(2026, 3, 4, 3, 15, 0, TimeSpan.Zero), Calendar.NextWorkingInstant(evening, Zones.Kathmandu));
    }

    [Fact]
    public void A_friday_night_moment_moves_to_monday_morning()
    {
        var friday = Zones.Utc(2026, 3, 6, 22); // Friday 23:00 in Berlin

        Assert.Equal(Zones.Utc(2026, 3, 9, 8), Calendar.NextWorkingInstant(friday, Zones.Berlin));
    }

    [Fact]
    public void An_early_moment_on_a_holiday_moves_past_the_holiday()
    {
        var withHoliday = Calendar with { Holidays = new HashSet<DateOnly> { new(2026, 3, 4) } };

        Assert.Equal(Zones.Utc(2026, 3, 5, 8), withHoliday.NextWorkingInstant(Zones.Utc(2026, 3, 4, 6), Zones.Berlin));
    }

    [Fact]
    public void Monday_morning_before_the_change_to_winter_time_uses_the_new_offset()
    {
        // Clocks go back on Sunday 25 October 2026: Monday 09:00 in Berlin is 08:00 UTC.
        Assert.Equal(Zones.Utc(2026, 10, 26, 8), Calendar.NextWorkingInstant(Zones.Utc(2026, 10, 24, 12), Zones.Berlin));
    }
}
