using System.Security.Cryptography;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Intake;

/// <summary>
/// Keeps a report's attachments as evidence before the report itself is stored: each in chunks of
/// <see cref="ReportAttachmentChunk.MaxBytes"/>, one small write each (a Cosmos DB batch is limited
/// to 2 MB, so files do not ride in the report's unit). Chunks are named by the content's hash:
/// a repeat writes the same documents again, and a report that is then refused leaves content
/// nothing points to, never a report without its evidence.
/// </summary>
public sealed class AttachmentKeeper(IDocumentStore documents)
{
    public async Task<ReportAttachment> KeepAsync(
        string workspaceId, string fileName, string contentType, ReadOnlyMemory<byte> content, long maxBytes, CancellationToken cancellationToken)
    {
        var sha256 = Convert.ToHexString(SHA256.HashData(content.Span)).ToLowerInvariant();
        if (content.Length > maxBytes)
            return new ReportAttachment { FileName = fileName, ContentType = contentType, Size = content.Length, Sha256 = sha256, Chunks = 0, IsOmitted = true };
        var chunks = Math.Max(1, (content.Length + ReportAttachmentChunk.MaxBytes - 1) / ReportAttachmentChunk.MaxBytes);
        for (var i = 0; i < chunks; i++)
        {
            var start = i * ReportAttachmentChunk.MaxBytes;
            var piece = content.Slice(start, Math.Min(ReportAttachmentChunk.MaxBytes, content.Length - start));
            await documents.UpsertAsync(new ReportAttachmentChunk { WorkspaceId = workspaceId, Sha256 = sha256, Index = i, Content = piece.ToArray() }, cancellationToken);
        }
        return new ReportAttachment { FileName = fileName, ContentType = contentType, Size = content.Length, Sha256 = sha256, Chunks = chunks };
    }
}
