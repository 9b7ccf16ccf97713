namespace IncidentBot.Dialogs.Time;

/// <summary>
/// Local dates and times in IANA time zones, with the two awkward cases decided once: a local
/// time that does not exist (the hour skipped when clocks go forward) moves forward by the gap,
/// and a local time that happens twice (the hour repeated when clocks go back) is the first one.
/// </summary>
public static class ZonedTime
{
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

    public static DateTime Local(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).DateTime;

    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(Local(instant, zone));

    /// <summary>The instant of a local date and time in the zone.</summary>
    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time, TimeZoneInfo zone) =>
        ToInstant(date.ToDateTime(time, DateTimeKind.Unspecified), zone);

    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Skipped by a clock change: the same wall-clock distance past the start of the gap.
            var probe = local;
            while (zone.IsInvalidTime(probe))
                probe = probe.AddMinutes(15);
            var before = zone.GetUtcOffset(local.AddHours(-12));
            var after = zone.GetUtcOffset(probe);
            return new DateTimeOffset(local + (after - before), after).ToUniversalTime();
        }
        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            var earliest = offsets.Max(); // the larger offset is the earlier instant
            return new DateTimeOffset(local, earliest).ToUniversalTime();
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
