namespace IncidentBot.Dialogs.Paging.Schedules;

/// <summary>Who is on call for a rotation from one instant until the next handoff.</summary>
/// <param name="Layer">The layer that put them on call; null for an override.</param>
public sealed record OnCallShift(SchedulePerson Person, DateTimeOffset From, DateTimeOffset Until, string? Layer)
{
    public bool IsOverride => Layer is null;
}
