using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Intake;

/// <summary>
/// A report as stored, with its evidence (text, URLs, reporter, order, attachments) and what it
/// did: the incident it opened or joined. Stored in the same unit as that incident change; its id
/// comes from the source and the source's own id, so a repeat finds it instead of making another.
/// </summary>
public sealed record StoredReport : IDocument
{
    public const string DocumentType = "report";

    /// <summary>The properties reports are queried by.</summary>
    public static class Paths
    {
        public static readonly DocumentPath IncidentNumber = DocumentPath.Of<StoredReport>(nameof(StoredReport.IncidentNumber));

        public static readonly DocumentPath Sequence = DocumentPath.Of<StoredReport>(nameof(StoredReport.Sequence));

        public static readonly DocumentPath Source = DocumentPath.Of<StoredReport>(nameof(StoredReport.Source));
    }

    public string Id => _id.Get(Source, ExternalId, static (source, externalId) => IdFor(source, externalId!));

    private DerivedId _id;

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    /// <summary>The source's name (<c>regulator</c>, <c>partner</c>, <c>trending</c>, <c>user-report</c>).</summary>
    public required string Source { get; init; }

    public required string ExternalId { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>When the bot stored it.</summary>
    public required DateTimeOffset StoredAt { get; init; }

    public required string Title { get; init; }

    public string? Text { get; init; }

    public IReadOnlyList<string> Urls { get; init; } = [];

    public string? Market { get; init; }

    /// <summary>The language given with the report, or the one detected (null when detection said unknown).</summary>
    public string? Language { get; init; }

    /// <summary>1 for a language given with the report; the detector's confidence otherwise.</summary>
    public double LanguageConfidence { get; init; }

    public bool IsLanguageDetected { get; init; }

    public Incidents.Severity? SuggestedSeverity { get; init; }

    public string? TrendKey { get; init; }

    public ReportReporter? Reporter { get; init; }

    public bool IsTrusted { get; init; }

    public RegulatorOrder? Order { get; init; }

    public IReadOnlyList<ReportAttachment> Attachments { get; init; } = [];

    public ReportOrigin? Origin { get; init; }

    public required int IncidentNumber { get; init; }

    /// <summary>True when it joined an incident that was already open.</summary>
    public required bool IsMerged { get; init; }

    /// <summary>Its place among the incident's reports (1 for the one that opened it): the paging cursor.</summary>
    public required int Sequence { get; init; }

    /// <summary><c>report-{source}-</c> and the first 40 hex digits (lower case) of the SHA-256 of the external id.</summary>
    public static string IdFor(string source, string externalId)
    {
        // Read several times for each write (the batch, the row, the body): hashed on the stack, one string allocated.
        Span<char> hashed = stackalloc char[HashedId.Length];
        HashedId.Write(externalId, hashed);
        return string.Concat("report-", source, "-", hashed);
    }
}
