using System.Collections.Concurrent;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Teams.Conversations;

/// <summary>
/// The conversation references and people of each tenant, as documents in the tenant's
/// partition. Every instance reads the same store, so a page sent by another instance, or
/// after a restart, finds the person's chat. Writes happen only when something changed.
/// </summary>
public sealed class TeamsDirectory(IDocumentStore documents, DocumentWriter writer, TimeProvider clock)
{
    /// <summary>
    /// How long the tenant (its Bot Connector address) and a person, as this process last read or wrote them,
    /// are used without reading them again. Every activity carries them and refreshes them here; another
    /// instance's change (a new address, a chat forgotten on uninstall) reaches this one within this time.
    /// </summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(1);

    // Thread names never change once a thread exists, and lists name many threads: a cache only.
    private readonly ConcurrentDictionary<string, string> _threadNames = new(StringComparer.Ordinal);

    // A cache only, not a directory: past this many people, those not seen within CacheLifetime are dropped.
    private const int MaxPeopleKept = 4096;

    // The person as this process last stored or read them, to skip the read when an activity tells nothing new.
    private readonly ConcurrentDictionary<string, (TeamsPerson Person, DateTimeOffset Since)> _people = new(StringComparer.Ordinal);

    // Read for every activity and every proactive send, changed about never: a store read each time was most of the request's reads.
    private readonly ConcurrentDictionary<string, (TeamsTenant Tenant, DateTimeOffset Since)> _tenants = new(StringComparer.Ordinal);

    public async Task<TeamsPerson?> FindPersonAsync(WorkspaceId workspace, string aadObjectId, CancellationToken cancellationToken) =>
        (await documents.ReadAsync<TeamsPerson>(workspace, TeamsPerson.IdFor(aadObjectId), cancellationToken))?.Value;

    public async Task<TeamsPerson?> FindByTeamsIdAsync(WorkspaceId workspace, string teamsUserId, CancellationToken cancellationToken)
    {
        var query = new DocumentQuery(workspace, TeamsPerson.DocumentType).WhereEquals(TeamsPerson.Paths.TeamsUserId, teamsUserId).Take(1);
        await foreach (var found in documents.QueryAsync<TeamsPerson>(query, cancellationToken))
            return found.Value;
        return null;
    }

    public async Task<TeamsPerson?> FindByEmailAsync(WorkspaceId workspace, string email, CancellationToken cancellationToken)
    {
        var query = new DocumentQuery(workspace, TeamsPerson.DocumentType).WhereEquals(TeamsPerson.Paths.Email, email.Trim().ToLowerInvariant()).Take(1);
        await foreach (var found in documents.QueryAsync<TeamsPerson>(query, cancellationToken))
            return found.Value;
        return null;
    }

    /// <summary>
    /// Records what an activity tells about its sender. Fields the activity does not carry
    /// (a personal chat when the message came from a channel) keep their stored value.
    /// </summary>
    public async Task<TeamsPerson> RememberPersonAsync(WorkspaceId workspace, TeamsPerson seen, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seen);
        var key = workspace.Value + "|" + seen.Id;
        // Every activity of a person says the same about them: when it changes nothing this process stored or read
        // within CacheLifetime, skip the read. Another instance's change (a chat forgotten) is re-read after that.
        if (_people.TryGetValue(key, out var cached) && clock.GetUtcNow() - cached.Since < CacheLifetime && Same(cached.Person, Merge(cached.Person, seen)))
            return cached.Person;
        // Two activities from the same person at once: the second merges again with what the first wrote.
        var remembered = await writer.WriteIncidentalAsync(workspace, async (attempt, token) =>
        {
            var existing = await attempt.ReadAsync<TeamsPerson>(seen.Id, token);
            var merged = existing is null ? seen : Merge(existing.Value, seen);
            if (existing is not null && Same(existing.Value, merged))
                return existing.Value;
            merged = merged with { UpdatedAt = clock.GetUtcNow() };
            if (existing is null)
                attempt.Batch.Create(merged);
            else
                attempt.Batch.Replace(merged, existing.ETag);
            return merged;
        }, cancellationToken);
        var now = clock.GetUtcNow();
        _people[key] = (remembered.Value, now);
        if (_people.Count > MaxPeopleKept)
            ForgetPeopleSeenBefore(now - CacheLifetime);
        return remembered.Value;
    }

    public async Task<TeamsTenant?> FindTenantAsync(WorkspaceId workspace, CancellationToken cancellationToken)
    {
        if (_tenants.TryGetValue(workspace.Value, out var cached) && clock.GetUtcNow() - cached.Since < CacheLifetime)
            return cached.Tenant;
        var stored = (await documents.ReadAsync<TeamsTenant>(workspace, TeamsTenant.DocumentId, cancellationToken))?.Value;
        if (stored is not null)
            _tenants[workspace.Value] = (stored, clock.GetUtcNow());
        return stored;
    }

    public async Task RememberTenantAsync(WorkspaceId workspace, string serviceUrl, string botId, CancellationToken cancellationToken)
    {
        var existing = await FindTenantAsync(workspace, cancellationToken);
        if (existing is not null && existing.ServiceUrl == serviceUrl && existing.BotId == botId)
            return;
        var tenant = new TeamsTenant { WorkspaceId = workspace.Value, ServiceUrl = serviceUrl, BotId = botId, UpdatedAt = clock.GetUtcNow() };
        await documents.UpsertAsync(tenant, cancellationToken);
        _tenants[workspace.Value] = (tenant, clock.GetUtcNow());
    }

    public Task RememberThreadAsync(WorkspaceId workspace, string conversationId, string name, CancellationToken cancellationToken) =>
        documents.UpsertAsync(new TeamsThread { WorkspaceId = workspace.Value, ConversationId = conversationId, Name = name }, cancellationToken);

    public async Task<string?> ThreadNameAsync(WorkspaceId workspace, string conversationId, CancellationToken cancellationToken)
    {
        var key = workspace.Value + "|" + conversationId;
        if (_threadNames.TryGetValue(key, out var cached))
            return cached;
        var name = (await documents.ReadAsync<TeamsThread>(workspace, TeamsThread.IdFor(conversationId), cancellationToken))?.Value.Name;
        if (name is not null)
            _threadNames.TryAdd(key, name);
        return name;
    }

    /// <summary>The person removed the app from their personal chat: proactive messages there would be refused.</summary>
    public async Task ForgetPersonalChatAsync(WorkspaceId workspace, string aadObjectId, string conversationId, CancellationToken cancellationToken)
    {
        var existing = await documents.ReadAsync<TeamsPerson>(workspace, TeamsPerson.IdFor(aadObjectId), cancellationToken);
        _people.TryRemove(workspace.Value + "|" + TeamsPerson.IdFor(aadObjectId), out _);
        if (existing is null || existing.Value.PersonalConversationId != conversationId)
            return;
        try
        {
            await documents.ReplaceAsync(existing.Value with { PersonalConversationId = null, UpdatedAt = clock.GetUtcNow() }, existing.ETag, cancellationToken);
        }
        catch (DocumentConflictException)
        {
            // Changed meanwhile (a new activity from them): that newer record stands.
        }
    }

    private static TeamsPerson Merge(TeamsPerson stored, TeamsPerson seen) => stored with
    {
        TeamsUserId = seen.TeamsUserId,
        Name = seen.Name ?? stored.Name,
        Email = seen.Email ?? stored.Email,
        TimeZone = seen.TimeZone ?? stored.TimeZone,
        PersonalConversationId = seen.PersonalConversationId ?? stored.PersonalConversationId,
        ServiceUrl = seen.ServiceUrl,
    };

    private static bool Same(TeamsPerson a, TeamsPerson b) =>
        a.TeamsUserId == b.TeamsUserId && a.Name == b.Name && a.Email == b.Email && a.TimeZone == b.TimeZone
        && a.PersonalConversationId == b.PersonalConversationId && a.ServiceUrl == b.ServiceUrl;

    private void ForgetPeopleSeenBefore(DateTimeOffset cutoff)
    {
        foreach (var (key, entry) in _people)
        {
            if (entry.Since < cutoff)
                _people.TryRemove(key, out _);
        }
    }
}
