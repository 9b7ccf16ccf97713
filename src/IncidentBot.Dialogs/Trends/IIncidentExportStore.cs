using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Trends;

/// <summary>
/// The incidents a filter selects as export rows, newest first, streamed with flat memory. Each store
/// answers in its own way: from the documents (<see cref="IncidentExport"/>), or from a projection the
/// store keeps (the embedded store's per-incident rows), so an export need not parse every document.
/// </summary>
public interface IIncidentExportStore
{
    IAsyncEnumerable<IncidentExportRow> ExportAsync(string workspaceId, IncidentFilter filter, CancellationToken cancellationToken);
}
