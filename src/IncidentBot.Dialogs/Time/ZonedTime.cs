namespace IncidentBot.Dialogs.Time;

/// <summary>
/// Local dates and times in IANA time zones, with the system's time-zone database
/// (<see cref="TimeZoneInfo"/>), and the two awkward cases decided once for every feature
/// (reminders, working hours, rotations, overrides): a local time that does not exist (the hour
/// skipped when clocks go forward) moves forward by the gap, as the clocks did, and a local time
/// that happens twice (the hour repeated when clocks go back) is the first one.
/// </summary>
public static class ZonedTime
{
    // Gaps are whole quarter hours; 48 hours of steps covers even a skipped calendar day (Samoa, 2011).
    private static readonly TimeSpan GapStep = TimeSpan.FromMinutes(15);
    private const int MaxGapSteps = 48 * 4;

    /// <summary>The zone with this IANA id (<c>Asia/Kathmandu</c>), if the machine's time zone data knows it.</summary>
    public static bool TryFind(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
            return false;
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var found))
        {
            zone = found;
            return true;
        }
        return false;
    }

    /// <summary>The wall-clock time in the zone at the instant (kind unspecified: it is no machine's local time).</summary>
    public static DateTime Local(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(instant, zone).DateTime, DateTimeKind.Unspecified);

    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(Local(instant, zone));

    /// <summary>The instant of a local date and time in the zone.</summary>
    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time, TimeZoneInfo zone) =>
        ToInstant(date.ToDateTime(time, DateTimeKind.Unspecified), zone);

    /// <summary>The instant (UTC) of a wall-clock time in the zone.</summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Read with the offset in force before the gap: 02:30 on a spring-forward night is 03:30 new time.
            var before = local;
            for (var step = 0; step < MaxGapSteps && zone.IsInvalidTime(before); step++)
                before -= GapStep;
            return new DateTimeOffset(local - zone.GetUtcOffset(before), TimeSpan.Zero);
        }
        if (zone.IsAmbiguousTime(local))
        {
            var earliest = zone.GetAmbiguousTimeOffsets(local).Max(); // the larger offset is the earlier instant
            return new DateTimeOffset(local - earliest, TimeSpan.Zero);
        }
        return new DateTimeOffset(local - zone.GetUtcOffset(local), TimeSpan.Zero);
    }
}
