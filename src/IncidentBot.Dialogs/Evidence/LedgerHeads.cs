using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// The ledgers' tips this process last appended, so the next unit of the same incident chains on without reading
/// its last entry (a report joining a busy incident is one such unit each). A tip another process moved since makes
/// the unit's first entry collide with the entry stored meanwhile (an entry's id is its incident and seq), and the
/// unit's retry reads the last entry.
/// </summary>
internal sealed class LedgerHeads
{
    /// <summary>Past this many incidents the tips are forgotten: the next unit of each reads its last entry again.</summary>
    private const int MaxRemembered = 10_000;

    private readonly RecentCopies<int, LedgerTip> _tips = new(MaxRemembered);

    public LedgerTip? Find(string workspaceId, int number) => _tips.Find(workspaceId, number);

    /// <summary>After a commit: the tips the unit moved, kept only when it committed at its first try (a retry means another writer).</summary>
    public void Committed(string workspaceId, IReadOnlyList<(int Number, LedgerTip Tip)>? moved, bool firstTry)
    {
        foreach (var (number, tip) in moved ?? [])
        {
            if (firstTry)
                _tips.Keep(workspaceId, number, tip);
            else
                _tips.Forget(workspaceId, number);
        }
    }

    /// <summary>The unit failed: whether the entries it meant to append are stored is not known here.</summary>
    public void Failed(string workspaceId, IReadOnlyList<(int Number, LedgerTip Tip)>? moved)
    {
        foreach (var (number, _) in moved ?? [])
            _tips.Forget(workspaceId, number);
    }
}
