using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Incidents;

/// <summary>
/// One queue per incident for the changes this process makes to it, so changes that arrive together
/// wait their turn instead of all but one losing the ETag race; other processes are still kept apart
/// by the ETag. A lane lives only while someone is in or waiting for it; the version this process last
/// stored of each incident is remembered a while longer, and of the most recent ones the copy itself,
/// with its ETag, so that a change can start from it instead of reading it again.
/// </summary>
internal sealed class IncidentLanes
{
    /// <summary>Past this many incidents the remembered versions are forgotten: at worst one write then fails and is retried.</summary>
    private const int MaxRemembered = 10_000;

    /// <summary>Fewer copies than versions: a copy is a whole incident, and only the busiest ones are worth keeping.</summary>
    private const int MaxCopies = 2_048;

    private readonly Dictionary<(string WorkspaceId, int Number), Lane> _lanes = [];
    private readonly Dictionary<(string WorkspaceId, int Number), int> _lastStored = [];
    private readonly RecentCopies<int, Versioned<Incident>> _copies = new(MaxCopies);

    public async Task<Lane> EnterAsync(string workspaceId, int number, CancellationToken cancellationToken)
    {
        Lane lane;
        lock (_lanes)
        {
            if (!_lanes.TryGetValue((workspaceId, number), out lane!))
                _lanes[(workspaceId, number)] = lane = new Lane(this, (workspaceId, number));
            lane.Users++;
        }
        try
        {
            await lane.Gate.WaitAsync(cancellationToken);
            return lane;
        }
        catch
        {
            Leave(lane, entered: false);
            throw;
        }
    }

    /// <summary>The version this process last stored, so a copy read before waiting is known to be stale without a failed write.</summary>
    public int LastStoredVersion(string workspaceId, int number)
    {
        lock (_lanes)
            return _lastStored.GetValueOrDefault((workspaceId, number));
    }

    /// <summary>
    /// The copy this process last stored, with the ETag the store gave it; null when none is kept. It may be
    /// stale if another process changed the incident since: a write with it is then refused by the ETag.
    /// </summary>
    public Versioned<Incident>? LastStored(string workspaceId, int number) => _copies.Find(workspaceId, number);

    /// <param name="copy">The stored incident with its new ETag; null to keep no copy (and drop an older one).</param>
    public void Stored(string workspaceId, int number, int version, Versioned<Incident>? copy)
    {
        lock (_lanes)
        {
            if (_lastStored.Count >= MaxRemembered)
                _lastStored.Clear();
            _lastStored[(workspaceId, number)] = version;
            // Under the lanes' lock, so a copy and the version it was stored as change together.
            if (copy is null || copy.Value.Version < version)
                _copies.Forget(workspaceId, number);
            else
                _copies.Keep(workspaceId, number, copy);
        }
    }

    /// <summary>Drops the copy: a write with it was refused or failed, so what is stored is not known here.</summary>
    public void Forget(string workspaceId, int number) => _copies.Forget(workspaceId, number);

    private void Leave(Lane lane, bool entered)
    {
        if (entered)
            lane.Gate.Release();
        lock (_lanes)
        {
            if (--lane.Users == 0)
                _lanes.Remove(lane.Key);
        }
    }

    internal sealed class Lane(IncidentLanes owner, (string, int) key) : IDisposable
    {
        public (string, int) Key { get; } = key;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        /// <summary>Guarded by the owner's lock.</summary>
        public int Users { get; set; }

        public void Dispose() => owner.Leave(this, entered: true);
    }
}
