using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Intake;

/// <summary>
/// The trend pointers this process read lately, so a report's first look can skip the read (issue 13: nine reports in
/// ten join a trend whose pointer changes only when the key moves to another incident or its last-seen time is refreshed,
/// about hourly). A copy is trusted for <see cref="Lifetime"/> only and only in a report's first round, as the incident
/// copy is: a stale one sends the report to an incident that is closed (the look goes on, and the second round reads) or
/// still open for the same key (the report joins it, as a read a moment earlier would have), and a refresh written from
/// it is refused by its ETag and read again.
/// </summary>
public sealed class TrendPointerCopies(TimeProvider clock)
{
    /// <summary>How long a copy stands in for a read; the pointer's own last-seen time is coarser (an hour by default).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    /// <summary>Trend keys remembered at most; at the cap the copies start again (reads fill them).</summary>
    public const int MaxCopies = 4_096;

    private readonly RecentCopies<string, Copy> _copies = new(MaxCopies);

    /// <summary>The pointer as read less than <see cref="Lifetime"/> ago, or null.</summary>
    public Versioned<TrendPointer>? Recent(string workspaceId, string key) =>
        _copies.Find(workspaceId, key) is { } copy && clock.GetUtcNow() - copy.ReadAt < Lifetime ? copy.Pointer : null;

    /// <summary>A unit writes the key's pointer: the copy would carry an ETag the write replaces, so the next look reads.</summary>
    public void Forget(string workspaceId, string key) => _copies.Forget(workspaceId, key);

    /// <summary>What a read of the store found: kept, or (no pointer) forgotten.</summary>
    public void Read(string workspaceId, string key, Versioned<TrendPointer>? found, DateTimeOffset readAt)
    {
        if (found is null)
            _copies.Forget(workspaceId, key);
        else
            _copies.Keep(workspaceId, key, new Copy(found, readAt));
    }

    private sealed record Copy(Versioned<TrendPointer> Pointer, DateTimeOffset ReadAt);
}
