using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Incidents;

/// <summary>
/// The next incident number of a workspace. Only a hint: a number is taken when the
/// incident document <c>inc-n</c> is created, which fails if it exists, so numbers are never
/// reused and never skipped even when this counter lags behind.
/// </summary>
public sealed record IncidentCounter : IDocument
{
    public const string DocumentId = "counter-incident";

    public string Id => DocumentId;

    public required string WorkspaceId { get; init; }

    public string Type => "counter";

    public required int Next { get; init; }
}
