using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Work;

/// <summary>
/// Stored intent to do something for a document at a time: "bring the channel of INC-3 up to
/// date now", "escalate page P at 10:05". The job scheduler only holds a pointer to this
/// document; if it forgets (a restart of the in-memory storage), the reconciler re-creates
/// the job from here.
/// </summary>
public sealed record WorkItem : IDocument
{
    public const string DocumentType = "work";

    public string Id => IdFor(Kind, TargetId);

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    public required string Kind { get; init; }

    /// <summary>The document the work is about (an incident, a page…); handlers re-read it.</summary>
    public required string TargetId { get; init; }

    public required DateTimeOffset DueAt { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    public static string IdFor(string kind, string targetId) => $"work-{kind}-{targetId}";
}
