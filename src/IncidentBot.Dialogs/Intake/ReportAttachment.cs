using System.Text.Json;
using IncidentBot.Dialogs.Evidence;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Intake;

/// <summary>
/// A file that came with a report (an e-mail attachment), kept as evidence in chunks of its own
/// (<see cref="ReportAttachmentChunk"/>), so no stored item comes near the store's item size limit.
/// </summary>
public sealed record ReportAttachment
{
    public required string FileName { get; init; }

    public required string ContentType { get; init; }

    public required long Size { get; init; }

    /// <summary>Lower-case hex SHA-256 of the content; also names the chunks.</summary>
    public required string Sha256 { get; init; }

    public required int Chunks { get; init; }

    /// <summary>The report whose chunks hold the content; null for attachments kept before chunks were per report.</summary>
    public string? ReportId { get; init; }

    /// <summary>The ids of the chunks that hold the content, in order.</summary>
    public IEnumerable<string> ChunkIds()
    {
        for (var i = 0; i < (IsOmitted ? 0 : Chunks); i++)
            yield return ReportAttachmentChunk.IdFor(ReportId, Sha256, i);
    }

    /// <summary>Larger than the intake keeps: only this description is stored, not the content.</summary>
    public bool IsOmitted { get; init; }

    /// <summary>
    /// Kept by a build before chunks were per report: its chunks (<c>attachment-{sha256}-{i}</c>) are named by the
    /// content alone and may hold the same file for another report.
    /// </summary>
    public bool IsContentAddressed => ReportId is null && !IsOmitted;

    /// <summary>The attachments a stored report lists, read from the report as any feature reads it.</summary>
    public static IReadOnlyList<ReportAttachment> ListedIn(ReportDocument report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Rest is { } rest && rest.TryGetValue("attachments", out var json) && json.ValueKind == JsonValueKind.Array
            ? json.Deserialize<List<ReportAttachment>>(DocumentJson.Options) ?? []
            : [];
    }
}
