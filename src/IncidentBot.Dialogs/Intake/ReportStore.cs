using System.Runtime.CompilerServices;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Intake;

/// <summary>Reading stored reports back: an incident's reports in the order they joined, a page at a time.</summary>
public sealed class ReportStore(IDocumentStore documents)
{
    /// <summary>The reports of an incident after position <paramref name="afterSequence"/>, at most <paramref name="limit"/>.</summary>
    public async IAsyncEnumerable<StoredReport> ListAsync(
        string workspaceId, IncidentNumber number, int afterSequence, int limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new DocumentQuery(workspaceId, StoredReport.DocumentType)
            .WhereEquals(StoredReport.Paths.IncidentNumber, number.Value)
            .Where(StoredReport.Paths.Sequence, FilterOperator.GreaterThan, afterSequence)
            .OrderedBy(StoredReport.Paths.Sequence)
            .Take(limit);
        await foreach (var found in documents.QueryAsync<StoredReport>(query, cancellationToken))
            yield return found.Value;
    }

    public async Task<StoredReport?> FindAsync(WorkspaceId workspaceId, string reportId, CancellationToken cancellationToken) =>
        (await documents.ReadAsync<StoredReport>(workspaceId, reportId, cancellationToken))?.Value;

    /// <summary>An attachment's content, from its chunks; null when a chunk is missing (or it was too large to keep).</summary>
    public async Task<byte[]?> ReadAttachmentAsync(WorkspaceId workspaceId, ReportAttachment attachment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        if (attachment.IsOmitted)
            return null;
        using var content = new MemoryStream((int)Math.Min(attachment.Size, int.MaxValue));
        foreach (var id in attachment.ChunkIds())
        {
            var chunk = await documents.ReadAsync<ReportAttachmentChunk>(workspaceId, id, cancellationToken);
            if (chunk is null)
                return null;
            content.Write(chunk.Value.Content);
        }
        return content.ToArray();
    }
}
