using System.Security.Cryptography;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Intake;

/// <summary>
/// Keeps a report's attachments as evidence before the report itself is stored: each in chunks of
/// <see cref="ReportAttachmentChunk.MaxBytes"/>, one small write each (a Cosmos DB batch is limited
/// to 2 MB, so files do not ride in the report's unit). The chunks are provisional: if the report is
/// then refused and never sent again, they expire by themselves (<see cref="ReportAttachmentChunk.ProvisionalLifetime"/>);
/// once it is stored, <see cref="AttachmentKeepWork"/> keeps them. So there is never a report without
/// its evidence, nor evidence without its report for long.
/// </summary>
public sealed class AttachmentKeeper(DocumentWriter writer)
{
    public async Task<ReportAttachment> KeepAsync(
        string workspaceId, string reportId, string fileName, string contentType, ReadOnlyMemory<byte> content, long maxBytes,
        CancellationToken cancellationToken)
    {
        var sha256 = Convert.ToHexString(SHA256.HashData(content.Span)).ToLowerInvariant();
        if (content.Length > maxBytes)
            return new ReportAttachment { FileName = fileName, ContentType = contentType, Size = content.Length, Sha256 = sha256, Chunks = 0, IsOmitted = true, ReportId = reportId };
        var chunks = Math.Max(1, (content.Length + ReportAttachmentChunk.MaxBytes - 1) / ReportAttachmentChunk.MaxBytes);
        for (var i = 0; i < chunks; i++)
        {
            var start = i * ReportAttachmentChunk.MaxBytes;
            var piece = content.Slice(start, Math.Min(ReportAttachmentChunk.MaxBytes, content.Length - start));
            await WriteProvisionalAsync(new ReportAttachmentChunk
            {
                WorkspaceId = workspaceId,
                ReportId = reportId,
                Sha256 = sha256,
                Index = i,
                Content = piece.ToArray(),
            }, cancellationToken);
        }
        return new ReportAttachment { FileName = fileName, ContentType = contentType, Size = content.Length, Sha256 = sha256, Chunks = chunks, ReportId = reportId };
    }

    /// <summary>
    /// Writes a provisional chunk, or renews the expiry of one an earlier try left; a kept chunk is
    /// never made provisional again. The ETag decides against a concurrent <see cref="AttachmentKeepWork"/>.
    /// </summary>
    private async Task WriteProvisionalAsync(ReportAttachmentChunk chunk, CancellationToken cancellationToken) =>
        await writer.WriteAsync(chunk.WorkspaceId, async (attempt, token) =>
        {
            var current = await attempt.ReadAsync<ReportAttachmentChunk>(chunk.Id, token);
            if (current is null)
                attempt.Batch.Create(chunk);
            else if (!current.Value.IsKept)
                attempt.Batch.Replace(chunk, current.ETag);
            return true;
        }, cancellationToken);
}
