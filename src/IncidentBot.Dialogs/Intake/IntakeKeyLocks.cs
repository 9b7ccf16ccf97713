namespace IncidentBot.Dialogs.Intake;

/// <summary>
/// Within one process, reports that would open an incident for the same keys take turns: the
/// second finds the first one's pointers and joins, instead of both opening an incident and one
/// losing the pointer's create (which would still be correct, only slower). Between processes the
/// pointer's create decides. Keys are taken in order, so two reports never wait for each other.
/// </summary>
internal sealed class IntakeKeyLocks
{
    private readonly Dictionary<(string WorkspaceId, string Key), Entry> _entries = [];

    public async Task<IDisposable> EnterAsync(string workspaceId, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var ordered = keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var held = new List<Entry>(ordered.Length);
        try
        {
            foreach (var key in ordered)
            {
                Entry entry;
                lock (_entries)
                {
                    if (!_entries.TryGetValue((workspaceId, key), out entry!))
                        _entries[(workspaceId, key)] = entry = new Entry((workspaceId, key));
                    entry.Users++;
                }
                try
                {
                    await entry.Gate.WaitAsync(cancellationToken);
                }
                catch
                {
                    Leave(entry, entered: false);
                    throw;
                }
                held.Add(entry);
            }
            return new Held(this, held);
        }
        catch
        {
            foreach (var entry in held)
                Leave(entry, entered: true);
            throw;
        }
    }

    private void Leave(Entry entry, bool entered)
    {
        if (entered)
            entry.Gate.Release();
        lock (_entries)
        {
            if (--entry.Users == 0)
                _entries.Remove(entry.Key);
        }
    }

    private sealed class Entry((string, string) key)
    {
        public (string, string) Key { get; } = key;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        /// <summary>Guarded by the owner's lock.</summary>
        public int Users { get; set; }
    }

    private sealed class Held(IntakeKeyLocks owner, List<Entry> entries) : IDisposable
    {
        public void Dispose()
        {
            for (var i = entries.Count - 1; i >= 0; i--)
                owner.Leave(entries[i], entered: true);
            entries.Clear();
        }
    }
}
