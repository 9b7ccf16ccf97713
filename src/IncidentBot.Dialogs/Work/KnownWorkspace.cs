using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Work;

/// <summary>
/// One document per workspace in a registry partition of its own, so start-up can visit
/// every workspace's partition without a cross-partition query.
/// </summary>
public sealed record KnownWorkspace : IDocument
{
    public const string RegistryPartition = "_registry";

    public required string Id { get; init; }

    public string WorkspaceId => RegistryPartition;

    public string Type => "workspace";

    /// <summary>Slack when the document does not say: the registry was written before Teams was served.</summary>
    public PlatformId Platform { get; init; } = PlatformId.Slack;

    public required DateTimeOffset FirstSeenAt { get; init; }

    /// <summary>
    /// The platform <paramref name="workspace"/> is served on. The one place an unknown platform is read
    /// as Slack: a workspace with no registry document (nothing declared there yet) or one without the field.
    /// </summary>
    public static async Task<PlatformId> PlatformOfAsync(IDocumentStore documents, WorkspaceId workspace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var known = await documents.ReadAsync<KnownWorkspace>(RegistryPartition, workspace.Value, cancellationToken);
        return known?.Value.Platform ?? PlatformId.Slack;
    }
}
