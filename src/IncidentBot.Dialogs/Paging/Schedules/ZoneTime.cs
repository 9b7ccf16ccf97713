namespace IncidentBot.Dialogs.Paging.Schedules;

/// <summary>
/// Wall-clock time in an IANA zone and back, with the system's time-zone database
/// (<see cref="TimeZoneInfo"/>). A wall-clock time that does not exist (skipped when clocks
/// go forward) moves forward by the gap, as the clocks did; one that occurs twice (clocks go
/// back) is taken the first time.
/// </summary>
public static class ZoneTime
{
    public static DateTime ToLocal(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(instant, zone).DateTime, DateTimeKind.Unspecified);

    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // The offset in force before the gap: 02:30 on a spring-forward night is 03:30 new time.
            var before = zone.GetUtcOffset(local.AddHours(-6));
            return new DateTimeOffset(local - before, TimeSpan.Zero);
        }
        if (zone.IsAmbiguousTime(local))
        {
            var earliest = zone.GetAmbiguousTimeOffsets(local).Max();
            return new DateTimeOffset(local - earliest, TimeSpan.Zero);
        }
        return new DateTimeOffset(local - zone.GetUtcOffset(local), TimeSpan.Zero);
    }

    /// <summary>Finds a zone by IANA id (<c>Asia/Kathmandu</c>); false for an unknown id.</summary>
    public static bool TryFind(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
            return false;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var found))
            return false;
        zone = found;
        return true;
    }
}
