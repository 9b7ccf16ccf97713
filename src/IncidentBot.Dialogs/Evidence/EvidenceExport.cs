using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Intake;
using IncidentBot.Dialogs.PostMortems;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// What goes into an incident's evidence package, however it leaves (the API's zip, a chat upload, a
/// download link): the record, the whole ledger read page by page, each joined report with the files
/// it came with, and the post-mortem draft. Never redacted: a regulator's copy is complete; access to
/// it is what is guarded.
/// </summary>
public sealed class EvidenceExport(LedgerStore ledgers, ReportEvidenceFiles reports, PostMortemDrafter drafter)
{
    public async Task<EvidenceContent> ContentAsync(Incident incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var postMortem = await drafter.DraftAsync(incident, redact: false, cancellationToken);
        // The ledger is streamed while the zip is written; work still running may add entries meanwhile.
        // The package holds the ledger up to the head read now, so the manifest's exportedAt (taken after
        // this call) is never earlier than its last entry.
        var head = await ledgers.HeadAsync(incident.Workspace(), incident.Key, cancellationToken);
        return new EvidenceContent(DocumentJson.ToJsonValue(incident), ledgers.ReadAsync(incident.WorkspaceId, incident.Key, 0, head?.Seq ?? 0, cancellationToken))
        {
            Reports = reports.ReadAsync(incident.WorkspaceId, incident.Number, cancellationToken),
            PostMortem = postMortem,
        };
    }

    /// <summary><c>INC-12-evidence.zip</c>.</summary>
    public static string FileName(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return incident.Key.Key + "-evidence.zip";
    }
}
