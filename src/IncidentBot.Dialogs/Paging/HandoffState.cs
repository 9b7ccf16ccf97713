using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Paging;

/// <summary>Who a rotation's last handoff notice was for, so each handoff is announced once.</summary>
public sealed record HandoffState : IDocument
{
    public const string DocumentType = "oncall-handoff";

    public string Id => IdFor(RotationId);

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    public required string RotationId { get; init; }

    /// <summary>The person on call at the last look (<see cref="Schedules.SchedulePerson.ToString"/>); null in a gap.</summary>
    public string? OnCall { get; init; }

    public required DateTimeOffset CheckedAt { get; init; }

    public static string IdFor(string rotationId) => "handoff-" + Page.SafeId(rotationId);
}
