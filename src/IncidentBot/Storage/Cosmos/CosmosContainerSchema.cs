using System.Collections.Frozen;
using Microsoft.Azure.Cosmos;

namespace IncidentBot.Storage.Cosmos;

/// <summary>
/// The one container: partition key <c>/workspaceId</c>, time to live on with no default
/// (<c>-1</c>: only documents that carry a <c>ttl</c> expire), and the composite indexes
/// that let Cosmos DB order by a property and then by id, as the port promises.
/// </summary>
internal static class CosmosContainerSchema
{
    public const string PartitionKeyPath = "/workspaceId";

    /// <summary>
    /// Properties the product orders by (incident number, timeline time and version, ledger seq). Cosmos DB
    /// needs a composite index for <c>ORDER BY c.path, c.id</c>; other paths are ordered in
    /// process (see <see cref="CosmosQueryText"/>).
    /// </summary>
    public static readonly FrozenSet<string> OrderedPaths = FrozenSet.Create(StringComparer.Ordinal, "number", "at", "version", "seq");

    public static ContainerProperties Properties(string containerName)
    {
        var properties = new ContainerProperties(containerName, PartitionKeyPath) { DefaultTimeToLive = -1 };
        foreach (var path in OrderedPaths.Order(StringComparer.Ordinal))
        {
            // Real Cosmos DB serves the reverse direction from one index; the test server wants both spelled out.
            foreach (var order in new[] { CompositePathSortOrder.Ascending, CompositePathSortOrder.Descending })
            {
                properties.IndexingPolicy.CompositeIndexes.Add(
                [
                    new CompositePath { Path = "/" + path, Order = order },
                    new CompositePath { Path = "/id", Order = order },
                ]);
            }
        }
        return properties;
    }
}
