using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Intake;

/// <summary>
/// Keeps a report's attachment chunks once the report is stored (work kind <c>intake-attachments</c>,
/// target the report id), requested before the chunks are written: marks each chunk kept (no expiry)
/// and names the incident, so the retention purge finds it. While the report is not stored it looks
/// again later; when its chunks have expired (the report was refused and never sent again) it is done.
/// </summary>
public sealed class AttachmentKeepWork(DocumentWriter writer, TimeProvider clock, ILogger<AttachmentKeepWork> logger) : IWorkHandler
{
    /// <summary>How soon after the request it first looks: the report is normally stored within the same request.</summary>
    public static readonly TimeSpan FirstLook = TimeSpan.FromMinutes(1);

    /// <summary>How often it looks again while the report is not stored.</summary>
    public static readonly TimeSpan LookAgain = TimeSpan.FromHours(1);

    public string Kind => IntakeWork.KeepAttachments;

    public async Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
    {
        var report = await writer.Documents.ReadAsync<StoredReport>(workspace.Value, targetId, cancellationToken);
        if (report is null)
        {
            // Refused so far: its chunks are provisional and expire by themselves; keep looking while any is left.
            var query = new DocumentQuery(workspace.Value, ReportAttachmentChunk.DocumentType).WhereEquals(ReportAttachmentChunk.Paths.ReportId, targetId).Take(1);
            await foreach (var _ in writer.Documents.QueryAsync<ReportAttachmentChunk>(query, cancellationToken))
                return WorkOutcome.RunAgain(clock.GetUtcNow() + LookAgain);
            return WorkOutcome.Done;
        }
        foreach (var attachment in report.Value.Attachments ?? [])
        {
            foreach (var id in attachment.ChunkIds())
            {
                if (!await KeepAsync(workspace.Value, id, report.Value.IncidentNumber, cancellationToken))
                    logger.AttachmentChunkMissing(workspace.Value, targetId, id);
            }
        }
        return WorkOutcome.Done;
    }

    /// <returns>False when the chunk is gone.</returns>
    private async Task<bool> KeepAsync(string workspaceId, string id, int incidentNumber, CancellationToken cancellationToken)
    {
        // A retry of the report renewing it meanwhile: keep the fresh copy.
        var kept = await writer.WriteAsync(workspaceId, async (attempt, token) =>
        {
            var chunk = await attempt.ReadAsync<ReportAttachmentChunk>(id, token);
            if (chunk is null)
                return false;
            if (!chunk.Value.IsKept && chunk.Value.ReportId is not null)
                attempt.Batch.Replace(chunk.Value with { IsKept = true, IncidentNumber = incidentNumber }, chunk.ETag);
            return true;
        }, cancellationToken);
        return kept.Value;
    }
}
