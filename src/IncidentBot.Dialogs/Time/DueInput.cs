namespace IncidentBot.Dialogs.Time;

/// <summary>A due date as typed: a day (<c>2026-03-10</c>, <c>tomorrow</c>, <c>friday</c>) or a moment (<c>in 2h</c>, <c>2026-03-10 14:00</c>).</summary>
public sealed record DueInput
{
    public required string Text { get; init; }

    /// <summary>Today plus this many days, or the next of these weekdays, or a fixed date.</summary>
    internal int? DaysFromToday { get; init; }

    internal DayOfWeek? Weekday { get; init; }

    internal DateOnly? Date { get; init; }

    internal TimeInput? Moment { get; init; }

    /// <summary>A day (in the zone of the person typing), or null when the input names a moment.</summary>
    public DateOnly? ResolveDate(DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = ZonedTime.LocalDate(now, zone);
        if (Date is { } date)
            return date;
        if (DaysFromToday is { } days)
            return today.AddDays(days);
        if (Weekday is { } weekday)
        {
            var ahead = ((int)weekday - (int)today.DayOfWeek + 7) % 7;
            return today.AddDays(ahead == 0 ? 7 : ahead);
        }
        return null;
    }

    public DateTimeOffset? ResolveMoment(DateTimeOffset now, TimeZoneInfo zone) => Moment?.ResolveAhead(now, zone);
}
