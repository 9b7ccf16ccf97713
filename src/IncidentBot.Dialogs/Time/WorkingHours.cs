namespace IncidentBot.Dialogs.Time;

/// <summary>When non-urgent reminders may reach a person, in their own time zone.</summary>
public sealed record WorkingHours
{
    public TimeOnly Start { get; init; } = new(9, 0);

    public TimeOnly End { get; init; } = new(17, 0);

    public IReadOnlySet<DayOfWeek> Days { get; init; } = new HashSet<DayOfWeek>
    {
        DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday,
    };

    public static WorkingHours Default { get; } = new();
}
