namespace IncidentBot.Dialogs.Paging.Schedules;

/// <summary>
/// An on-call rotation: layers in order, where a later layer that applies at an instant wins
/// over the earlier ones (a weekend layer over the weekday one), and overrides win over all.
/// </summary>
public sealed record Rotation
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>The team the rotation belongs to.</summary>
    public required string TeamId { get; init; }

    public required IReadOnlyList<RotationLayer> Layers { get; init; }

    public IEnumerable<SchedulePerson> People() => Layers.SelectMany(l => l.Participants).Distinct();
}
