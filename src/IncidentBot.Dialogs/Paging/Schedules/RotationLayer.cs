namespace IncidentBot.Dialogs.Paging.Schedules;

/// <summary>
/// One layer of a rotation: participants take shifts of <see cref="ShiftLength"/> in order,
/// the first starting at <see cref="Start"/> (a wall-clock time in <see cref="Zone"/>, so a
/// 09:00 handoff stays at 09:00 across daylight-saving changes).
/// </summary>
public sealed record RotationLayer
{
    public required string Name { get; init; }

    public required TimeZoneInfo Zone { get; init; }

    /// <summary>The first handoff, as local wall-clock time in <see cref="Zone"/> (kind unspecified).</summary>
    public required DateTime Start { get; init; }

    public required TimeSpan ShiftLength { get; init; }

    public required IReadOnlyList<SchedulePerson> Participants { get; init; }

    public LayerRestriction Restriction { get; init; } = LayerRestriction.None;
}
