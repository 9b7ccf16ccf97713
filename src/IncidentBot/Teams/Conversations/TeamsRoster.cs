using IncidentBot.Teams.Outbound;
using Microsoft.Extensions.Options;

namespace IncidentBot.Teams.Conversations;

/// <summary>
/// Team rosters as the Bot Connector lists them, read at most once per
/// <see cref="TeamsOptions.RosterCacheMinutes"/> per team and kept in memory. Reading a roster
/// pages through up to <see cref="TeamsOptions.MaxRosterMembers"/> people, so it must not happen
/// for every unknown e-mail: a person missing from a fresh read is a miss, answered from memory.
/// Concurrent callers share one read; a failed read is not kept. At most
/// <see cref="MaxRosters"/> rosters are held (tenants × admin teams), the oldest dropped first.
/// </summary>
public sealed class TeamsRoster(TeamsConnector connector, IOptions<TeamsOptions> options, TimeProvider clock, ILogger<TeamsRoster> logger)
{
    public const int MaxRosters = 64;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (DateTimeOffset ReadAt, Task<TeamsRosterSnapshot> Read)> _rosters = new(StringComparer.Ordinal);

    /// <summary>The team's members, from a read no older than the cache time.</summary>
    public async Task<TeamsRosterSnapshot> MembersAsync(TeamsAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        var key = address.TenantId + "|" + address.ConversationId;
        TaskCompletionSource<TeamsRosterSnapshot>? reader = null;
        Task<TeamsRosterSnapshot> read;
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_rosters.TryGetValue(key, out var cached) && now - cached.ReadAt < FreshFor && !cached.Read.IsFaulted && !cached.Read.IsCanceled)
            {
                read = cached.Read;
            }
            else
            {
                reader = new TaskCompletionSource<TeamsRosterSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
                read = reader.Task;
                if (!_rosters.ContainsKey(key) && _rosters.Count >= MaxRosters)
                    _rosters.Remove(_rosters.MinBy(r => r.Value.ReadAt).Key);
                _rosters[key] = (now, read);
            }
        }
        if (reader is not null)
        {
            try
            {
                reader.SetResult(await ReadAsync(address, cancellationToken));
            }
            catch (Exception e)
            {
                // Waiting callers see the failure; the next call reads again.
                reader.SetException(e);
            }
        }
        return await read.WaitAsync(cancellationToken);
    }

    private TimeSpan FreshFor => TimeSpan.FromMinutes(options.Value.RosterCacheMinutes);

    private async Task<TeamsRosterSnapshot> ReadAsync(TeamsAddress address, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxRosterMembers;
        var (members, isComplete) = await connector.GetMembersAsync(address, limit, cancellationToken);
        if (!isComplete)
            logger.RosterTruncated(TeamsIds.Hash(address.ConversationId)[..12], address.TenantId, limit);
        return new TeamsRosterSnapshot(members.Where(m => m.AadObjectId is { Length: > 0 }).ToArray(), isComplete);
    }
}
