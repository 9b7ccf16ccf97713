using System.Globalization;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Intake;

/// <summary>
/// One piece of an attachment's content (at most <see cref="MaxBytes"/>, base64 in the document).
/// Named by the content's hash, so storing the same file twice writes the same documents.
/// </summary>
public sealed record ReportAttachmentChunk : IDocument
{
    public const string DocumentType = "report-attachment";

    /// <summary>256 KiB of content, about 350 KB of base64: far below Cosmos DB's 2 MB item limit.</summary>
    public const int MaxBytes = 256 * 1024;

    public string Id => IdFor(Sha256, Index);

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    public required string Sha256 { get; init; }

    public required int Index { get; init; }

    public required byte[] Content { get; init; }

    public static string IdFor(string sha256, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"attachment-{sha256}-{index}");
}
