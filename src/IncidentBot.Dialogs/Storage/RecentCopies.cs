namespace IncidentBot.Dialogs.Storage;

/// <summary>
/// Copies of one kind of document this process last stored, one per incident, with the ETags the store gave them, so
/// the next unit can start from a copy instead of reading it. A copy another process made stale is refused by its
/// ETag and the unit's retry reads the stored one. Past the capacity all are forgotten at once: at worst the next unit
/// of each incident reads again.
/// </summary>
internal sealed class RecentCopies<T>(int capacity)
{
    private readonly Dictionary<(string WorkspaceId, int Number), Versioned<T>> _copies = [];

    public Versioned<T>? Find(string workspaceId, int number)
    {
        lock (_copies)
            return _copies.GetValueOrDefault((workspaceId, number));
    }

    public void Keep(string workspaceId, int number, Versioned<T> copy)
    {
        lock (_copies)
        {
            if (_copies.Count >= capacity)
                _copies.Clear();
            _copies[(workspaceId, number)] = copy;
        }
    }

    /// <summary>What is stored is not known here any more (a write with the copy failed, or another writer was met).</summary>
    public void Forget(string workspaceId, int number)
    {
        lock (_copies)
            _copies.Remove((workspaceId, number));
    }
}
