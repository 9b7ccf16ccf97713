using IncidentBot.Dialogs.Time;

namespace IncidentBot.Dialogs.Tests.Time;

public sealed class ZonedTimeTests
{
    private static TimeZoneInfo NewYork { get; } = ZonedTime.TryFind("America/New_York", out var zone) ? zone : throw new InvalidOperationException("America/New_York is not installed.");

    [Fact]
    public void A_local_time_skipped_by_the_clock_change_moves_forward_by_the_gap()
    {
        // 02:30 on 29 March 2026 does not exist in Berlin; it is taken as 03:30 CEST.
        Assert.Equal(Zones.Utc(2026, 3, 29, 1, 30), ZonedTime.ToInstant(new DateOnly(2026, 3, 29), new TimeOnly(2, 30), Zones.Berlin));
    }

    [Fact]
    public void A_local_time_that_happens_twice_is_the_first_one()
    {
        // 02:30 on 25 October 2026 happens at 00:30 UTC (CEST) and 01:30 UTC (CET).
        Assert.Equal(Zones.Utc(2026, 10, 25, 0, 30), ZonedTime.ToInstant(new DateOnly(2026, 10, 25), new TimeOnly(2, 30), Zones.Berlin));
    }

    [Fact]
    public void A_new_york_time_in_the_spring_gap_is_the_same_wall_clock_distance_past_it()
    {
        // Clocks go from 02:00 EST to 03:00 EDT on 8 March 2026: 02:15 is 03:15 EDT, 07:15 UTC.
        Assert.Equal(Zones.Utc(2026, 3, 8, 7, 15), ZonedTime.ToInstant(new DateTime(2026, 3, 8, 2, 15, 0), NewYork));
    }

    [Fact]
    public void A_new_york_time_repeated_in_the_autumn_is_taken_in_daylight_time()
    {
        // 01:30 on 1 November 2026 happens at 05:30 UTC (EDT) and 06:30 UTC (EST).
        Assert.Equal(Zones.Utc(2026, 11, 1, 5, 30), ZonedTime.ToInstant(new DateTime(2026, 11, 1, 1, 30, 0), NewYork));
    }

    [Fact]
    public void Kathmandu_is_five_hours_forty_five_ahead_all_year()
    {
        Assert.Equal(Zones.Utc(2026, 7, 1, 3, 15), ZonedTime.ToInstant(new DateOnly(2026, 7, 1), new TimeOnly(9, 0), Zones.Kathmandu));
    }

    [Fact]
    public void A_local_time_and_its_instant_are_each_others_inverse_outside_the_changes()
    {
        var instant = Zones.Utc(2026, 3, 27, 16);
        var local = ZonedTime.Local(instant, Zones.Berlin);

        Assert.Equal(new DateTime(2026, 3, 27, 17, 0, 0), local);
        Assert.Equal(DateTimeKind.Unspecified, local.Kind);
        Assert.Equal(instant, ZonedTime.ToInstant(local, Zones.Berlin));
    }

    [Fact]
    public void The_local_date_is_the_date_in_the_zone_not_in_utc()
    {
        Assert.Equal(new DateOnly(2026, 3, 3), ZonedTime.LocalDate(Zones.Utc(2026, 3, 2, 20), Zones.Kathmandu));
    }

    [Fact]
    public void A_local_time_of_any_kind_is_read_as_the_zones_wall_clock()
    {
        var utcKind = new DateTime(2026, 7, 1, 9, 0, 0, DateTimeKind.Utc);

        Assert.Equal(Zones.Utc(2026, 7, 1, 3, 15), ZonedTime.ToInstant(utcKind, Zones.Kathmandu));
    }

    [Theory]
    [InlineData("Asia/Kathmandu")]
    [InlineData(" Europe/Berlin ")]
    public void A_known_iana_zone_is_found(string id)
    {
        Assert.True(ZonedTime.TryFind(id, out var zone));
        Assert.Equal(id.Trim(), zone.Id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Asia/Katmandoo")]
    public void An_unknown_zone_is_not_found_and_leaves_utc(string? id)
    {
        Assert.False(ZonedTime.TryFind(id, out var zone));
        Assert.Equal(TimeZoneInfo.Utc, zone);
    }
}
