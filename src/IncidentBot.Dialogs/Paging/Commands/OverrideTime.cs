namespace IncidentBot.Dialogs.Paging.Commands;

/// <summary>A time as typed in <c>override</c>: <c>now</c>, a wall-clock time in the typist's zone, or a duration after the start.</summary>
public sealed record OverrideTime
{
    public static OverrideTime Now { get; } = new();

    /// <summary>Kind unspecified: read in the zone of the person who typed it.</summary>
    public DateTime? Local { get; init; }

    public TimeSpan? After { get; init; }
}
