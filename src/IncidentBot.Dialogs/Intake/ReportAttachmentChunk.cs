using System.Globalization;
using System.Text.Json.Serialization;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Intake;

/// <summary>
/// One piece of an attachment's content (at most <see cref="MaxBytes"/>, base64 in the document).
/// Written before its report, so it starts provisional and expires by itself unless the report is
/// stored: <see cref="AttachmentKeepWork"/> then marks it kept. Chunks belong to one report
/// (<see cref="ReportId"/> in the id), so purging a report can delete its content without touching
/// another report that came with the same file.
/// </summary>
public sealed record ReportAttachmentChunk : IExpiringDocument
{
    public const string DocumentType = "report-attachment";

    /// <summary>The properties kept attachment chunks are queried by.</summary>
    public static class Paths
    {
        public static readonly DocumentPath IncidentNumber = DocumentPath.Of<ReportAttachmentChunk>(nameof(ReportAttachmentChunk.IncidentNumber));

        public static readonly DocumentPath ReportId = DocumentPath.Of<ReportAttachmentChunk>(nameof(ReportAttachmentChunk.ReportId));
    }

    /// <summary>256 KiB of content, about 350 KB of base64: far below Cosmos DB's 2 MB item limit.</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>How long a chunk whose report was never stored stays: long enough for a relay's retries over a store outage.</summary>
    public static readonly TimeSpan ProvisionalLifetime = TimeSpan.FromDays(2);

    public string Id => IdFor(ReportId, Sha256, Index);

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    /// <summary>The report the content came with; null on chunks stored before chunks were per report (shared by content).</summary>
    public string? ReportId { get; init; }

    public required string Sha256 { get; init; }

    public required int Index { get; init; }

    public required byte[] Content { get; init; }

    /// <summary>Its report is stored: the chunk no longer expires.</summary>
    public bool IsKept { get; init; }

    /// <summary>The incident of its report, once kept: what the retention purge finds it by.</summary>
    public int? IncidentNumber { get; init; }

    [JsonIgnore]
    public TimeSpan ExpiresAfter => IsKept ? Timeout.InfiniteTimeSpan : ProvisionalLifetime;

    public static string IdFor(string? reportId, string sha256, int index) =>
        reportId is null
            ? string.Create(CultureInfo.InvariantCulture, $"attachment-{sha256}-{index}")
            : string.Create(CultureInfo.InvariantCulture, $"attachment-{reportId}-{sha256}-{index}");

    /// <summary>The kept chunks of an incident's reports.</summary>
    public static DocumentQuery QueryFor(string workspaceId, int incidentNumber) =>
        new DocumentQuery(workspaceId, DocumentType).WhereEquals(ReportAttachmentChunk.Paths.IncidentNumber, incidentNumber);
}
