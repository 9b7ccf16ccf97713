namespace IncidentBot.Testing.Fakes.Cosmos;

/// <summary>A request to the Cosmos DB test server as a fault rule sees it.</summary>
/// <param name="DocumentIds">The ids the request writes or reads (those of every operation of a batch).</param>
public sealed record CosmosRequest(string Method, string Path, bool IsBatch, bool IsQuery, IReadOnlyList<string> DocumentIds)
{
    /// <summary>Creates, replaces, upserts, deletes and batches of documents.</summary>
    public bool IsDocumentWrite =>
        !IsQuery && Path.Contains("/docs", StringComparison.Ordinal) && Method is "POST" or "PUT" or "DELETE" or "PATCH";

    public bool Writes(string documentIdPrefix) =>
        IsDocumentWrite && DocumentIds.Any(id => id.StartsWith(documentIdPrefix, StringComparison.Ordinal));
}
