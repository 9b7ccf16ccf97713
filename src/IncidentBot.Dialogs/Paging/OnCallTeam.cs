using IncidentBot.Dialogs.Paging.Schedules;

namespace IncidentBot.Dialogs.Paging;

/// <summary>A function or market team: its rotations, its members (for whole-team steps) and the policy <c>page &lt;team&gt;</c> uses.</summary>
public sealed record OnCallTeam
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public IReadOnlyList<SchedulePerson> Members { get; init; } = [];

    public IReadOnlyList<Rotation> Rotations { get; init; } = [];

    /// <summary>The policy paged by <c>page &lt;team&gt;</c>; null pages the first rotation's on-call, or else every member.</summary>
    public string? EscalationPolicyId { get; init; }
}
