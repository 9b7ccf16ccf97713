using System.Text.RegularExpressions;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Paging;

/// <summary>
/// The incident managers' admin group (<c>OnCall:Admins</c>): people who may change any
/// rotation and answer any page (recorded as acting for the people paged). Each entry is an
/// e-mail address, a Slack user group id (<c>S…</c>), or a Teams team or channel id
/// (<c>19:…@thread.tacv2</c>) whose members are admins.
/// </summary>
public sealed partial record OnCallAdmins
{
    public OnCallAdmins(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var emails = new List<string>();
        var slackGroups = new List<string>();
        var teamsGroups = new List<string>();
        foreach (var entry in entries.Select(e => e.Trim()).Where(e => e.Length > 0))
        {
            switch (KindOf(entry))
            {
                case OnCallAdminKind.Email:
                    emails.Add(entry.ToLowerInvariant());
                    break;
                case OnCallAdminKind.SlackUserGroup:
                    slackGroups.Add(entry);
                    break;
                case OnCallAdminKind.TeamsGroup:
                    teamsGroups.Add(entry);
                    break;
                default:
                    throw new ArgumentException("An OnCall:Admins entry is neither an e-mail address, a Slack user group id nor a Teams team id.", nameof(entries));
            }
        }
        Emails = emails;
        SlackUserGroups = slackGroups;
        TeamsGroups = teamsGroups;
    }

    /// <summary>Nobody: only members of a rotation's team may change it, only the people paged may answer.</summary>
    public static OnCallAdmins None { get; } = new([]);

    public IReadOnlyList<string> Emails { get; }

    public IReadOnlyList<string> SlackUserGroups { get; }

    public IReadOnlyList<string> TeamsGroups { get; }

    public bool IsEmpty => Emails.Count == 0 && SlackUserGroups.Count == 0 && TeamsGroups.Count == 0;

    /// <summary>The groups that mean something on a platform (<c>slack</c> or <c>teams</c>).</summary>
    public IReadOnlyList<string> GroupsOn(PlatformId platform) => platform.Value switch
    {
        PlatformId.SlackName => SlackUserGroups,
        PlatformId.TeamsName => TeamsGroups,
        _ => [],
    };

    /// <summary>What an entry names, or null when it is none of the three.</summary>
    public static OnCallAdminKind? KindOf(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var trimmed = entry.Trim();
        if (TeamsGroupPattern().IsMatch(trimmed))
            return OnCallAdminKind.TeamsGroup;
        if (SlackGroupPattern().IsMatch(trimmed))
            return OnCallAdminKind.SlackUserGroup;
        if (EmailPattern().IsMatch(trimmed))
            return OnCallAdminKind.Email;
        return null;
    }

    [GeneratedRegex(@"^19:[^\s@]+@thread\.[a-z0-9]+$", RegexOptions.IgnoreCase)]
    private static partial Regex TeamsGroupPattern();

    [GeneratedRegex("^S[A-Z0-9]{6,}$")]
    private static partial Regex SlackGroupPattern();

    [GeneratedRegex(@"^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$")]
    private static partial Regex EmailPattern();
}
