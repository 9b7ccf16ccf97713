namespace IncidentBot.Dialogs.Incidents;

/// <summary>
/// One queue per incident for the changes this process makes to it, so changes that arrive together
/// wait their turn instead of all but one losing the ETag race; other processes are still kept apart
/// by the ETag. A lane lives only while someone is in or waiting for it; the version this process last
/// stored of each incident is remembered a while longer.
/// </summary>
internal sealed class IncidentLanes
{
    /// <summary>Past this many incidents the remembered versions are forgotten: at worst one write then fails and is retried.</summary>
    private const int MaxRemembered = 10_000;

    private readonly Dictionary<(string WorkspaceId, int Number), Lane> _lanes = [];
    private readonly Dictionary<(string WorkspaceId, int Number), int> _lastStored = [];

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

    public void Stored(string workspaceId, int number, int version)
    {
        lock (_lanes)
        {
            if (_lastStored.Count >= MaxRemembered)
                _lastStored.Clear();
            _lastStored[(workspaceId, number)] = version;
        }
    }

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
