using System.Collections.Frozen;
using IncidentBot.Dialogs.Evidence;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Intake;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
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
    /// Every property the product orders by. Cosmos DB needs a composite index for <c>ORDER BY c.path, c.id</c>;
    /// a path without one is ordered in process (see <see cref="CosmosQueryText"/>).
    /// </summary>
    public static readonly IReadOnlyList<DocumentPath> OrderedBy =
    [
        Incident.Paths.Number, TimelineEvent.Paths.At, TimelineEvent.Paths.Version, LedgerEntryDocument.Paths.Seq,
        StoredReport.Paths.Sequence, Page.Paths.CreatedAt, WorkItem.Paths.DueAt,
    ];

    /// <summary>The JSON names of <see cref="OrderedBy"/>: an index serves every document type with that property.</summary>
    public static readonly FrozenSet<string> OrderedPaths = OrderedBy.Select(p => p.Name).ToFrozenSet(StringComparer.Ordinal);

    public static ContainerProperties Properties(string containerName)
    {
        var properties = new ContainerProperties(containerName, PartitionKeyPath) { DefaultTimeToLive = -1 };
        foreach (var path in OrderedPaths.Order(StringComparer.Ordinal))
        {
            // One index serves both directions: Cosmos DB reads it backwards for ORDER BY ... DESC, ... DESC.
            properties.IndexingPolicy.CompositeIndexes.Add(
            [
                new CompositePath { Path = "/" + path, Order = CompositePathSortOrder.Ascending },
                new CompositePath { Path = "/id", Order = CompositePathSortOrder.Ascending },
            ]);
        }
        return properties;
    }
}
