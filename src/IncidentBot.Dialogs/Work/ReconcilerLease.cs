using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Work;

/// <summary>
/// Which instance sweeps for lost work, until when. Several instances share one store: only the
/// holder sweeps, and another takes over only once the holder has stopped renewing it (it died
/// or was stopped), so no instance re-runs work another one is running.
/// </summary>
public sealed record ReconcilerLease : IDocument
{
    public const string DocumentId = "reconciler-lease";

    public string Id => DocumentId;

    public string WorkspaceId => KnownWorkspace.RegistryPartition;

    public string Type => "lease";

    public required string Holder { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }
}
