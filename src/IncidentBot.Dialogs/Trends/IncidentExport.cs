using System.Runtime.CompilerServices;
using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Trends;

/// <summary>
/// Streams the incidents a filter selects, newest first, each with its clocks met and breached.
/// Memory stays flat whatever the count: incidents come from the store's own streaming query,
/// and clocks are read for one batch of incident numbers at a time (a range query, no ordering).
/// The Cosmos DB store's export; the embedded store reads its own per-incident rows instead.
/// </summary>
public sealed class IncidentExport(IDocumentStore documents, TimeProvider clock) : IIncidentExportStore
{
    public const int BatchSize = 500;

    public async IAsyncEnumerable<IncidentExportRow> ExportAsync(
        string workspaceId, IncidentFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var now = clock.GetUtcNow();
        var batch = new List<Incident>(BatchSize);
        await foreach (var found in documents.QueryAsync<Incident>(IncidentStore.ListQuery(workspaceId, filter), cancellationToken))
        {
            batch.Add(found.Value);
            if (batch.Count < BatchSize)
                continue;
            foreach (var row in await WithClocksAsync(workspaceId, batch, now, cancellationToken))
                yield return row;
            batch.Clear();
        }
        foreach (var row in await WithClocksAsync(workspaceId, batch, now, cancellationToken))
            yield return row;
    }

    private async Task<List<IncidentExportRow>> WithClocksAsync(string workspaceId, List<Incident> batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
            return [];
        var counts = new Dictionary<int, (int Met, int Breached)>();
        var query = new DocumentQuery(workspaceId, Clock.DocumentType)
            .Where(Clock.Paths.IncidentNumber, FilterOperator.GreaterThanOrEqual, batch.Min(i => i.Number))
            .Where(Clock.Paths.IncidentNumber, FilterOperator.LessThanOrEqual, batch.Max(i => i.Number));
        await foreach (var found in documents.QueryAsync<Clock>(query, cancellationToken))
        {
            var (met, breached) = TrendClocks.Classify(found.Value, now);
            var known = counts.GetValueOrDefault(found.Value.IncidentNumber);
            counts[found.Value.IncidentNumber] = (known.Met + (met ? 1 : 0), known.Breached + (breached ? 1 : 0));
        }
        return [.. batch.Select(i => counts.TryGetValue(i.Number, out var c) ? IncidentExportRow.From(i, c.Met, c.Breached) : IncidentExportRow.From(i, 0, 0))];
    }
}
