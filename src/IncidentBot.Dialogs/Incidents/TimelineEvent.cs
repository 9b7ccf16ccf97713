using System.Globalization;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Incidents;

/// <summary>
/// One entry of an incident's timeline, stored as its own document. The id is chosen by the
/// producer so that a retried write overwrites instead of duplicating.
/// </summary>
public sealed record TimelineEvent : IDocument
{
    public const string DocumentType = "timeline";

    /// <summary>The properties timeline events are queried by.</summary>
    public static class Paths
    {
        public static readonly DocumentPath IncidentNumber = DocumentPath.Of<TimelineEvent>(nameof(TimelineEvent.IncidentNumber));

        public static readonly DocumentPath At = DocumentPath.Of<TimelineEvent>(nameof(TimelineEvent.At));

        public static readonly DocumentPath Version = DocumentPath.Of<TimelineEvent>(nameof(TimelineEvent.Version));
    }

    public required string Id { get; init; }

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    public required int IncidentNumber { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>Who did it; null when the bot did it on its own (a job, a timer).</summary>
    public UserId? Actor { get; init; }

    public required TimelineKind Kind { get; init; }

    /// <summary>The incident version this change produced, for changes to the incident itself.</summary>
    public int? Version { get; init; }

    public string? Text { get; init; }

    public string? From { get; init; }

    public string? To { get; init; }

    public string? Link { get; init; }

    /// <summary>Named facts of the change that have no field of their own (what a purge removed); kept in its ledger entry.</summary>
    public IReadOnlyDictionary<string, string>? Details { get; init; }

    public static string IdFor(int incidentNumber, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"evt-{incidentNumber}-v{version:D6}");

    public static string IdFor(int incidentNumber, string suffix) =>
        string.Create(CultureInfo.InvariantCulture, $"evt-{incidentNumber}-{suffix}");
}
