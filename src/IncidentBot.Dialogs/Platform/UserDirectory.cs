using System.Collections.Concurrent;
using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Platform;

/// <summary>
/// Profiles and e-mail lookups, cached for an hour: time zones and addresses change rarely,
/// and the platform's user methods are rate-limited. A cache only; the platform stays the truth.
/// </summary>
public sealed class UserDirectory(ChatPlatforms platforms, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromHours(1);

    /// <summary>Group membership changes more often than profiles (someone joins the admins): a shorter cache.</summary>
    public static readonly TimeSpan GroupsCacheFor = TimeSpan.FromMinutes(5);

    /// <summary>Entries kept per cache; past it, expired entries go, then everything (misses too are kept, so the bound matters).</summary>
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (DateTimeOffset At, ChatUser? Value)> _profiles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, UserId? Value)> _emails = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, IReadOnlyCollection<UserId> Value)> _groups = new(StringComparer.Ordinal);

    public async Task<ChatUser?> GetAsync(PlatformId platform, WorkspaceId workspace, UserId user, CancellationToken cancellationToken)
    {
        var key = $"{platform}|{workspace.Value}|{user.Value}";
        if (_profiles.TryGetValue(key, out var cached) && clock.GetUtcNow() - cached.At < CacheFor)
            return cached.Value;
        var found = await platforms.Get(platform).GetUserAsync(workspace, user, cancellationToken);
        Remember(_profiles, key, found);
        return found;
    }

    /// <summary>The person's IANA time zone, or <paramref name="fallback"/> when the profile has none.</summary>
    public async Task<TimeZoneInfo> TimeZoneOfAsync(PlatformId platform, WorkspaceId workspace, UserId user, TimeZoneInfo fallback, CancellationToken cancellationToken)
    {
        var profile = await GetAsync(platform, workspace, user, cancellationToken);
        return profile?.TimeZone is { Length: > 0 } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : fallback;
    }

    public async Task<UserId?> FindByEmailAsync(PlatformId platform, WorkspaceId workspace, string email, CancellationToken cancellationToken)
    {
        var key = $"{platform}|{workspace.Value}|{email.Trim()}";
        if (_emails.TryGetValue(key, out var cached) && clock.GetUtcNow() - cached.At < CacheFor)
            return cached.Value;
        var found = await platforms.Get(platform).FindUserByEmailAsync(workspace, email.Trim(), cancellationToken);
        Remember(_emails, key, found);
        return found;
    }

    /// <summary>A group's members (<see cref="IChatPlatform.GroupMembersAsync"/>), kept for <see cref="GroupsCacheFor"/>.</summary>
    public async Task<IReadOnlyCollection<UserId>> GroupMembersAsync(PlatformId platform, WorkspaceId workspace, string group, CancellationToken cancellationToken)
    {
        var key = $"{platform}|{workspace.Value}|{group}";
        if (_groups.TryGetValue(key, out var cached) && clock.GetUtcNow() - cached.At < GroupsCacheFor)
            return cached.Value;
        var found = await platforms.Get(platform).GroupMembersAsync(workspace, group, cancellationToken) ?? [];
        Remember(_groups, key, found);
        return found;
    }

    private void Remember<T>(ConcurrentDictionary<string, (DateTimeOffset At, T Value)> cache, string key, T value)
    {
        var now = clock.GetUtcNow();
        if (cache.Count >= MaxEntries)
        {
            foreach (var entry in cache)
            {
                if (now - entry.Value.At >= CacheFor)
                    cache.TryRemove(entry.Key, out _);
            }
            if (cache.Count >= MaxEntries)
                cache.Clear();
        }
        cache[key] = (now, value);
    }
}
