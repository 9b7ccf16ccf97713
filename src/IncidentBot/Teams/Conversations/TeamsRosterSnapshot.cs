using Microsoft.Bot.Schema.Teams;

namespace IncidentBot.Teams.Conversations;

/// <summary>One read of a roster, indexed by e-mail (or user principal name) and by AAD object id.</summary>
public sealed class TeamsRosterSnapshot
{
    private readonly Dictionary<string, TeamsChannelAccount> _byEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, TeamsChannelAccount> _byObjectId = new(StringComparer.OrdinalIgnoreCase);

    public TeamsRosterSnapshot(IReadOnlyList<TeamsChannelAccount> members, bool isComplete)
    {
        ArgumentNullException.ThrowIfNull(members);
        IsComplete = isComplete;
        foreach (var member in members)
        {
            _byObjectId.TryAdd(member.AadObjectId, member);
            foreach (var address in (string?[])[member.Email, member.UserPrincipalName])
            {
                if (address?.Trim() is { Length: > 0 } trimmed)
                    _byEmail.TryAdd(trimmed, member);
            }
        }
    }

    /// <summary>False when the roster was larger than the limit: people beyond it are not in this read.</summary>
    public bool IsComplete { get; }

    public int Count => _byObjectId.Count;

    public TeamsChannelAccount? FindByEmail(string email) => _byEmail.GetValueOrDefault(email.Trim());

    public bool Contains(string aadObjectId) => _byObjectId.ContainsKey(aadObjectId);

    public IEnumerable<string> ObjectIds => _byObjectId.Keys;
}
