using System.Globalization;
using IncidentBot.Dialogs.Evidence;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Intake;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Retention;

/// <summary>
/// The retention timer of a finished incident (work kind <c>retention</c>, target the incident),
/// due <see cref="RetentionRules.KeepMonths"/> after it was closed or cancelled. Re-reads the
/// incident and does nothing while it is held (releasing the hold sets the timer again), already
/// purged, or not yet due. Otherwise it archives the channel (if the rules say so; archiving keeps the
/// channel's history) and removes the reports joined to the incident, each unit of deletes with the
/// incident as read — so a hold placed meanwhile makes the unit conflict and stops the purge — and
/// each with a <c>purged</c> ledger entry that names what it removed. The incident record and its
/// ledger stay.
/// </summary>
public sealed class RetentionPurgeWork(
    IncidentStore incidents,
    DocumentWriter writer,
    ChatPlatforms platforms,
    RetentionRules rules,
    TimeProvider clock,
    ILogger<RetentionPurgeWork> logger) : IWorkHandler
{
    public const string WorkKind = "retention";

    /// <summary>Reports deleted per unit: with the incident, its event and ledger entry, under a batch's 100 operations.</summary>
    public const int ReportsPerUnit = 80;

    private static readonly TimeSpan BusyRetry = TimeSpan.FromMinutes(1);

    public string Kind => WorkKind;

    public async Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
    {
        if (!IncidentNumber.TryParseDocumentId(targetId, out var number))
            return WorkOutcome.Done;
        var found = await incidents.FindAsync(workspace, number, cancellationToken);
        if (found is { Value.PurgedAt: not null })
        {
            // A run that recorded the purge may have died before the attachments' content was gone.
            await DeleteAttachmentsAsync(workspace.Value, number, await AttachmentChunksAsync(workspace.Value, number, cancellationToken), cancellationToken);
            return WorkOutcome.Done;
        }
        if (found is null || rules.PurgeDueAt(found.Value) is not { } due)
            return WorkOutcome.Done;
        if (found.Value.Hold is not null)
        {
            logger.PurgeHeld(workspace, number.Value);
            return WorkOutcome.Done; // releasing the hold plans the purge again
        }
        var now = clock.GetUtcNow();
        if (due > now + WorkDispatcher.EarlyTolerance)
            return WorkOutcome.RunAgain(due);

        var incident = found.Value;
        var archived = false;
        if (rules.ArchiveChannel && incident.Channel is { } channel && platforms.TryGet(incident.Platform, out var platform))
            archived = await platform.ArchiveChannelAsync(workspace, channel, cancellationToken);

        var reports = new List<string>();
        var contentAddressed = new HashSet<ReportAttachment>();
        if (rules.PurgeReports)
        {
            await foreach (var report in writer.Documents.QueryAsync<ReportDocument>(ReportDocument.QueryFor(workspace.Value, number.Value), cancellationToken))
            {
                reports.Add(report.Value.Id);
                contentAddressed.UnionWith(ReportAttachment.ListedIn(report.Value).Where(a => a.IsContentAddressed));
            }
        }
        var chunks = reports.Chunk(ReportsPerUnit).ToList();
        // All but the last chunk: deletes, a "purged" event each, and the incident unchanged as the hold's check.
        for (var i = 0; i < chunks.Count - 1; i++)
        {
            var chunk = chunks[i];
            var stopped = await writer.WriteAsync(workspace, async (attempt, token) =>
            {
                var current = await attempt.ReadAsync<Incident>(number.DocumentId, token);
                if (current is null || current.Value.Hold is not null || current.Value.PurgedAt is not null)
                    return true;
                attempt.Batch.Replace(current.Value, current.ETag);
                foreach (var id in chunk)
                    attempt.Batch.Delete(id);
                attempt.Batch.Upsert(new TimelineEvent
                {
                    Id = TimelineEvent.IdFor(number.Value, "purge-" + chunk[0]),
                    WorkspaceId = workspace.Value,
                    IncidentNumber = number.Value,
                    At = now,
                    Kind = TimelineKind.Purged,
                    Text = $"{chunk.Length} reports removed after the retention period",
                    Details = new Dictionary<string, string> { ["reports"] = string.Join(',', chunk) },
                });
                return false;
            }, cancellationToken);
            if (stopped.Value)
                return WorkOutcome.Done;
        }

        var last = chunks.Count > 0 ? chunks[^1] : [];
        // The reports' files go after the record: a unit holds at most 100 operations, and a file may be many chunks.
        var attachmentChunks = rules.PurgeReports ? await AttachmentChunksAsync(workspace.Value, number, cancellationToken) : [];
        if (contentAddressed.Count > 0)
            attachmentChunks.AddRange(await ContentAddressedChunksAsync(workspace.Value, number, contentAddressed, cancellationToken));
        var details = new Dictionary<string, string>
        {
            ["reports"] = string.Join(',', last),
            ["reportCount"] = reports.Count.ToString(CultureInfo.InvariantCulture),
            ["attachmentChunks"] = attachmentChunks.Count.ToString(CultureInfo.InvariantCulture),
            ["channel"] = incident.Channel?.Value ?? "",
            ["channelArchived"] = archived ? "true" : "false",
            ["retentionMonths"] = rules.KeepMonths.ToString(CultureInfo.InvariantCulture),
        };
        var summary = $"Retention period over: {reports.Count} reports removed"
            + (incident.Channel is null ? "" : archived ? ", channel archived" : ", channel kept")
            + "; the record and its ledger are kept.";
        // The record of the purge: the incident marked purged, its "purged" event, and the last deletes.
        var result = await incidents.UpdateAsync(workspace.Value, number, current => IncidentLifecycle.RecordPurge(current, now, summary, details),
            cancellationToken, alongside: (attempt, _) =>
            {
                foreach (var id in last)
                    attempt.Batch.Delete(id);
            });
        if (result.IsSuccess)
        {
            await DeleteAttachmentsAsync(workspace.Value, number, attachmentChunks, cancellationToken);
            logger.Purged(workspace, number.Value, reports.Count, archived);
        }
        else if (result.Error.Code == "held")
            logger.PurgeHeld(workspace, number.Value);
        else if (result.Error.Code == "busy")
            return WorkOutcome.RunAgain(clock.GetUtcNow() + BusyRetry); // changed by others all along: try again, never skip the record
        return WorkOutcome.Done;
    }

    /// <summary>The kept content of the incident's reports' attachments, in chunks of their own report.</summary>
    private async Task<List<string>> AttachmentChunksAsync(string workspaceId, IncidentNumber number, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var chunk in writer.Documents.QueryAsync<ReportAttachmentChunk>(ReportAttachmentChunk.QueryFor(workspaceId, number.Value), cancellationToken))
            ids.Add(chunk.Value.Id);
        return ids;
    }

    /// <summary>
    /// The chunks an older build stored by content alone (<c>attachment-{sha256}-{i}</c>) for the incident's reports,
    /// but not those of a file that a report of another incident also came with: that report still needs them. Only
    /// the e-mail intake keeps files, and only for the regulator source, so its reports are the ones to look at.
    /// </summary>
    private async Task<List<string>> ContentAddressedChunksAsync(
        string workspaceId, IncidentNumber number, HashSet<ReportAttachment> attachments, CancellationToken cancellationToken)
    {
        var shared = new HashSet<string>(StringComparer.Ordinal);
        var others = new DocumentQuery(workspaceId, ReportDocument.DocumentType).WhereEquals(StoredReport.Paths.Source, "regulator");
        await foreach (var report in writer.Documents.QueryAsync<ReportDocument>(others, cancellationToken))
        {
            if (report.Value.IncidentNumber != number.Value)
                shared.UnionWith(ReportAttachment.ListedIn(report.Value).Where(a => a.IsContentAddressed).Select(a => a.Sha256));
        }
        return [.. attachments.Where(a => !shared.Contains(a.Sha256)).SelectMany(a => a.ChunkIds()).Distinct(StringComparer.Ordinal)];
    }

    private async Task DeleteAttachmentsAsync(string workspaceId, IncidentNumber number, List<string> chunkIds, CancellationToken cancellationToken)
    {
        foreach (var id in chunkIds)
            await writer.Documents.DeleteAsync(workspaceId, id, null, cancellationToken);
        if (chunkIds.Count > 0)
            logger.AttachmentsPurged(workspaceId, number.Value, chunkIds.Count);
    }
}
