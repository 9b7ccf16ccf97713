namespace IncidentBot.Dialogs.Time;

/// <summary>
/// Business days (working days that are not holidays) and working hours, evaluated in a
/// person's own time zone: a post-mortem due in five business days, a reminder moved to the
/// next morning instead of landing at 3 a.m.
/// </summary>
public sealed record BusinessCalendar
{
    public WorkingHours Hours { get; init; } = WorkingHours.Default;

    /// <summary>Days off for everyone (one list for the whole team).</summary>
    public IReadOnlySet<DateOnly> Holidays { get; init; } = new HashSet<DateOnly>();

    /// <summary>For people whose profile has no time zone.</summary>
    public TimeZoneInfo DefaultZone { get; init; } = TimeZoneInfo.Utc;

    public static BusinessCalendar Default { get; } = new();

    public bool IsBusinessDay(DateOnly date) => Hours.Days.Contains(date.DayOfWeek) && !Holidays.Contains(date);

    /// <summary>The business day <paramref name="days"/> business days after <paramref name="from"/> (which need not be one).</summary>
    public DateOnly AddBusinessDays(DateOnly from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var date = from;
        for (var counted = 0; counted < days;)
        {
            date = date.AddDays(1);
            if (IsBusinessDay(date))
                counted++;
        }
        return days == 0 ? NextBusinessDayOnOrAfter(date) : date;
    }

    /// <summary>The business day <paramref name="days"/> business days before <paramref name="from"/>.</summary>
    public DateOnly SubtractBusinessDays(DateOnly from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var date = from;
        for (var counted = 0; counted < days;)
        {
            date = date.AddDays(-1);
            if (IsBusinessDay(date))
                counted++;
        }
        return date;
    }

    public DateOnly NextBusinessDayOnOrAfter(DateOnly date)
    {
        // A calendar without working days is refused by validation; the bound only guards against a loop.
        for (var i = 0; i < 3660 && !IsBusinessDay(date); i++)
            date = date.AddDays(1);
        return date;
    }

    public DateTimeOffset StartOfWorkingDay(DateOnly date, TimeZoneInfo zone) => ZonedTime.ToInstant(date, Hours.Start, zone);

    public DateTimeOffset EndOfWorkingDay(DateOnly date, TimeZoneInfo zone) => ZonedTime.ToInstant(date, Hours.End, zone);

    /// <summary>
    /// <paramref name="at"/> if it falls within working hours on a business day in the zone,
    /// otherwise the start of the next working day there.
    /// </summary>
    public DateTimeOffset NextWorkingInstant(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = ZonedTime.Local(at, zone);
        var date = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local);
        if (IsBusinessDay(date))
        {
            if (time < Hours.Start)
                return StartOfWorkingDay(date, zone);
            if (time < Hours.End)
                return at;
        }
        return StartOfWorkingDay(NextBusinessDayOnOrAfter(date.AddDays(1)), zone);
    }
}
