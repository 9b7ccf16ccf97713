using System.Runtime.CompilerServices;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.PostMortems;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// What goes into an incident's evidence package, however it leaves (the API's zip, a chat upload, a
/// download link): the record, the whole ledger read page by page, each joined report, and the
/// post-mortem draft. Never redacted: a regulator's copy is complete; access to it is what is guarded.
/// </summary>
public sealed class EvidenceExport(LedgerStore ledgers, IDocumentStore documents, PostMortemDrafter drafter)
{
    public async Task<EvidenceContent> ContentAsync(Incident incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var postMortem = await drafter.DraftAsync(incident, redact: false, cancellationToken);
        return new EvidenceContent(DocumentJson.ToJsonValue(incident), ledgers.ReadAsync(incident.WorkspaceId, incident.Key, 0, null, cancellationToken))
        {
            Reports = ReportsAsync(incident, cancellationToken),
            PostMortem = postMortem,
        };
    }

    /// <summary><c>INC-12-evidence.zip</c>.</summary>
    public static string FileName(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return incident.Key.Key + "-evidence.zip";
    }

    /// <summary>Each report joined to the incident, as <c>{id}/report.json</c>, one at a time.</summary>
    private async IAsyncEnumerable<EvidenceFile> ReportsAsync(Incident incident, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = ReportDocument.QueryFor(incident.WorkspaceId, incident.Number);
        await foreach (var report in documents.QueryAsync<ReportDocument>(query, cancellationToken))
        {
            var bytes = CanonicalJson.Serialize(report.Value.ToExport());
            using var content = new MemoryStream(bytes, writable: false);
            yield return new EvidenceFile(report.Value.Id + "/report.json", content);
        }
    }
}
