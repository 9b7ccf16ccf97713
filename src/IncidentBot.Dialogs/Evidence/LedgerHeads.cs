using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// The ledger heads this process last stored, with their ETags, so the next unit of the same incident
/// chains on to one without reading it (a report joining a busy incident is one such unit each). A head
/// another process moved since is refused by its ETag, and the unit's retry reads it.
/// </summary>
internal sealed class LedgerHeads
{
    /// <summary>Past this many incidents the heads are forgotten: the next unit of each reads its head again.</summary>
    private const int MaxRemembered = 10_000;

    private readonly RecentCopies<int, Versioned<LedgerHeadDocument>> _heads = new(MaxRemembered);

    public Versioned<LedgerHeadDocument>? Find(string workspaceId, int number) => _heads.Find(workspaceId, number);

    /// <summary>After a commit: the heads the batch saved, kept only when the unit committed at its first try (a retry means another writer).</summary>
    public void Committed(DocumentBatch batch, BatchResult result, bool firstTry)
    {
        foreach (var head in Heads(batch))
        {
            if (firstTry)
                _heads.Keep(head.WorkspaceId, head.IncidentNumber, result.Versioned(head));
            else
                _heads.Forget(head.WorkspaceId, head.IncidentNumber);
        }
    }

    /// <summary>The unit failed: what is stored for the heads it meant to move is not known here.</summary>
    public void Failed(DocumentBatch batch)
    {
        foreach (var head in Heads(batch))
            _heads.Forget(head.WorkspaceId, head.IncidentNumber);
    }

    private static IEnumerable<LedgerHeadDocument> Heads(DocumentBatch batch) =>
        batch.Operations.Select(operation => operation.Document).OfType<LedgerHeadDocument>();
}
