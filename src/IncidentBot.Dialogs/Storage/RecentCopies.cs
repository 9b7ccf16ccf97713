namespace IncidentBot.Dialogs.Storage;

/// <summary>
/// Copies of one kind of document this process last stored or read, one per key in a workspace (an incident's number, a
/// trend key), with the ETags the store gave them, so the next unit can start from a copy instead of reading it. A copy
/// another process made stale is refused by its ETag and the unit's retry reads the stored one. Past the capacity all
/// are forgotten at once: at worst the next unit of each key reads again.
/// </summary>
/// <typeparam name="TKey">The document's key within its workspace.</typeparam>
/// <typeparam name="TCopy">What is kept: the versioned document, or the document with what its holder needs to judge it.</typeparam>
internal sealed class RecentCopies<TKey, TCopy>(int capacity)
    where TKey : notnull
    where TCopy : class
{
    private readonly Dictionary<(string WorkspaceId, TKey Key), TCopy> _copies = [];

    public TCopy? Find(string workspaceId, TKey key)
    {
        lock (_copies)
            return _copies.GetValueOrDefault((workspaceId, key));
    }

    public void Keep(string workspaceId, TKey key, TCopy copy)
    {
        lock (_copies)
        {
            if (_copies.Count >= capacity)
                _copies.Clear();
            _copies[(workspaceId, key)] = copy;
        }
    }

    /// <summary>What is stored is not known here any more (a write with the copy failed, or another writer was met).</summary>
    public void Forget(string workspaceId, TKey key)
    {
        lock (_copies)
            _copies.Remove((workspaceId, key));
    }
}
