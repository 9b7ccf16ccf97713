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

    /// <summary>The properties work items are queried by.</summary>
    public static class Paths
    {
        public static readonly DocumentPath Attempts = DocumentPath.Of<WorkItem>(nameof(WorkItem.Attempts));

        public static readonly DocumentPath DueAt = DocumentPath.Of<WorkItem>(nameof(WorkItem.DueAt));

        public static readonly DocumentPath Kind = DocumentPath.Of<WorkItem>(nameof(WorkItem.Kind));
    }

    public string Id => IdFor(Kind, TargetId);

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    public required string Kind { get; init; }

    /// <summary>The document the work is about (an incident, a page…); handlers re-read it.</summary>
    public required string TargetId { get; init; }

    public required DateTimeOffset DueAt { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    /// <summary>Failed runs since it was last requested; a new request starts again from zero.</summary>
    public int Attempts { get; init; }

    /// <summary>Why the last run failed (the exception's type and message, never content).</summary>
    public string? LastError { get; init; }

    /// <summary>Set aside after <see cref="WorkRetries.MaxAttempts"/> failures: not run again until an operator retries it.</summary>
    public DateTimeOffset? FailedAt { get; init; }

    public bool IsSetAside => FailedAt is not null;

    public static string IdFor(string kind, string targetId) => $"work-{kind}-{targetId}";
}
