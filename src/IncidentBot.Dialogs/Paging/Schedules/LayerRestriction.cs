namespace IncidentBot.Dialogs.Paging.Schedules;

/// <summary>
/// When a layer applies, in the layer's own time zone: some days of the week (weekdays,
/// weekends), and optionally a daily window (<c>18:00–08:00</c> runs past midnight; the
/// morning part belongs to the day it started on).
/// </summary>
public sealed record LayerRestriction
{
    public static readonly IReadOnlySet<DayOfWeek> Weekdays =
        new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };

    public static readonly IReadOnlySet<DayOfWeek> Weekend = new HashSet<DayOfWeek> { DayOfWeek.Saturday, DayOfWeek.Sunday };

    public static LayerRestriction None { get; } = new();

    /// <summary>Empty means every day.</summary>
    public IReadOnlySet<DayOfWeek> Days { get; init; } = new HashSet<DayOfWeek>();

    public TimeOnly? From { get; init; }

    public TimeOnly? Until { get; init; }

    public bool IsRestricted => Days.Count is > 0 and < 7 || From is not null;

    /// <summary>Whether the layer applies at this local wall-clock time.</summary>
    public bool Allows(DateTime local)
    {
        var day = local.DayOfWeek;
        if (From is { } from && Until is { } until && from != until)
        {
            var time = TimeOnly.FromDateTime(local);
            if (from < until)
            {
                if (time < from || time >= until)
                    return false;
            }
            else if (time < until)
            {
                // The early-morning part of a window that began the evening before.
                day = local.AddDays(-1).DayOfWeek;
            }
            else if (time < from)
            {
                return false;
            }
        }
        return Days.Count == 0 || Days.Contains(day);
    }
}
