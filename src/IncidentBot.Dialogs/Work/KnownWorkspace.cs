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

    public required string Platform { get; init; }

    public required DateTimeOffset FirstSeenAt { get; init; }
}
