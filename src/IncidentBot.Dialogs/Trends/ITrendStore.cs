namespace IncidentBot.Dialogs.Trends;

/// <summary>
/// Aggregates over a workspace's incidents, pages, clocks and timeline, answered by each store in
/// its own way (SQL aggregates in the embedded file, streamed single-partition queries in Cosmos DB)
/// without loading every incident into memory.
/// </summary>
public interface ITrendStore
{
    Task<TrendReport> AggregateAsync(TrendQuery query, CancellationToken cancellationToken);

    /// <summary>Incidents per key of the query's cut and of <paramref name="series"/>.</summary>
    Task<IReadOnlyList<TrendCrossCount>> CrossCountAsync(TrendQuery query, TrendCut series, CancellationToken cancellationToken);

    /// <summary>Pages of the query's incidents per person paged, most pages first.</summary>
    Task<IReadOnlyList<PageLoadRow>> PageLoadAsync(TrendQuery query, CancellationToken cancellationToken);
}
