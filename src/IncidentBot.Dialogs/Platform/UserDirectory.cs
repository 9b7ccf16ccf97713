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

    private readonly ConcurrentDictionary<string, (DateTimeOffset At, ChatUser? User)> _profiles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, UserId? User)> _emails = new(StringComparer.OrdinalIgnoreCase);

    public async Task<ChatUser?> GetAsync(string platform, WorkspaceId workspace, UserId user, CancellationToken cancellationToken)
    {
        var key = $"{platform}|{workspace.Value}|{user.Value}";
        if (_profiles.TryGetValue(key, out var cached) && clock.GetUtcNow() - cached.At < CacheFor)
            return cached.User;
        var found = await platforms.Get(platform).GetUserAsync(workspace, user, cancellationToken);
        _profiles[key] = (clock.GetUtcNow(), found);
        return found;
    }

    /// <summary>The person's IANA time zone, or <paramref name="fallback"/> when the profile has none.</summary>
    public async Task<TimeZoneInfo> TimeZoneOfAsync(string platform, WorkspaceId workspace, UserId user, TimeZoneInfo fallback, CancellationToken cancellationToken)
    {
        var profile = await GetAsync(platform, workspace, user, cancellationToken);
        return profile?.TimeZone is { Length: > 0 } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : fallback;
    }

    public async Task<UserId?> FindByEmailAsync(string platform, WorkspaceId workspace, string email, CancellationToken cancellationToken)
    {
        var key = $"{platform}|{workspace.Value}|{email.Trim()}";
        if (_emails.TryGetValue(key, out var cached) && clock.GetUtcNow() - cached.At < CacheFor)
            return cached.User;
        var found = await platforms.Get(platform).FindUserByEmailAsync(workspace, email.Trim(), cancellationToken);
        _emails[key] = (clock.GetUtcNow(), found);
        return found;
    }
}
