namespace IncidentBot.Dialogs.Time;

/// <summary>
/// A moment as someone typed it, not yet placed on the time line: "09:40" means something
/// different in Kathmandu and in Berlin, so it is resolved with the person's time zone.
/// </summary>
public sealed record TimeInput
{
    public required string Text { get; init; }

    /// <summary>An instant with its own offset (<c>2026-03-01T09:40+05:45</c>, <c>09:40 UTC</c> today).</summary>
    internal DateTimeOffset? Absolute { get; init; }

    /// <summary>A wall-clock date and time in the person's zone.</summary>
    internal DateTime? LocalDateTime { get; init; }

    /// <summary>A time of day: the most recent one (or today's, for due times) in the person's zone, or in UTC.</summary>
    internal TimeOnly? TimeOfDay { get; init; }

    internal bool IsUtc { get; init; }

    /// <summary>With <see cref="TimeOfDay"/>: that many days before today (<c>yesterday 23:50</c>).</summary>
    internal int? DaysBack { get; init; }

    /// <summary>Relative to now: negative for "25m ago", positive for "in 2h".</summary>
    internal TimeSpan? Relative { get; init; }

    /// <summary>The most recent moment the text can mean (for received-at times): "23:50" typed at 00:10 is yesterday.</summary>
    public DateTimeOffset ResolvePast(DateTimeOffset now, TimeZoneInfo zone)
    {
        if (Absolute is { } absolute)
            return absolute.ToUniversalTime();
        if (Relative is { } relative)
            return now + relative;
        if (LocalDateTime is { } local)
            return ZonedTime.ToInstant(local, IsUtc ? TimeZoneInfo.Utc : zone);
        var z = IsUtc ? TimeZoneInfo.Utc : zone;
        var today = ZonedTime.LocalDate(now, z);
        if (DaysBack is { } back)
            return ZonedTime.ToInstant(today.AddDays(-back), TimeOfDay!.Value, z);
        var candidate = ZonedTime.ToInstant(today, TimeOfDay!.Value, z);
        return candidate > now ? ZonedTime.ToInstant(today.AddDays(-1), TimeOfDay.Value, z) : candidate;
    }

    /// <summary>The moment the text names going forward (for due times): "17:00" is today at five.</summary>
    public DateTimeOffset ResolveAhead(DateTimeOffset now, TimeZoneInfo zone)
    {
        if (TimeOfDay is { } time && DaysBack is null)
        {
            var z = IsUtc ? TimeZoneInfo.Utc : zone;
            return ZonedTime.ToInstant(ZonedTime.LocalDate(now, z), time, z);
        }
        return ResolvePast(now, zone);
    }
}
