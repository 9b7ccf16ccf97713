using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging.Schedules;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Paging;

/// <summary>
/// Who may change who is on call, and who may answer a page for someone else: the members of a
/// rotation's team, and the incident managers' admin group (<see cref="OnCallAdmins"/>). People
/// are matched by chat id, or by e-mail through their profile or the platform's directory.
/// </summary>
public sealed class OnCallAccess(OnCallAdmins admins, UserDirectory users)
{
    /// <summary>E-mails resolved one by one when a profile shares none; past this, the rest do not match (the directory is rate-limited).</summary>
    public const int MaxEmailLookups = 50;

    public bool HasAdmins => !admins.IsEmpty;

    /// <summary>Named by e-mail in <c>OnCall:Admins</c>, or a member of one of its groups on this platform.</summary>
    public async Task<bool> IsAdminAsync(PlatformId platform, WorkspaceId workspace, UserId user, CancellationToken cancellationToken)
    {
        if (admins.IsEmpty)
            return false;
        if (await IsAnyOfAsync(platform, workspace, user, admins.Emails.Select(SchedulePerson.ByEmail), cancellationToken))
            return true;
        foreach (var group in admins.GroupsOn(platform))
        {
            if ((await users.GroupMembersAsync(platform, workspace, group, cancellationToken)).Contains(user))
                return true;
        }
        return false;
    }

    /// <summary>A member of the rotation's team (its members or anyone on one of its rotations), or an admin.</summary>
    public async Task<bool> MayChangeRotationAsync(PlatformId platform, WorkspaceId workspace, UserId user, OnCallTeam? team, Rotation rotation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        var people = (team?.Members ?? []).Concat((team?.Rotations ?? [rotation]).Append(rotation).SelectMany(r => r.People())).Distinct();
        return await IsAnyOfAsync(platform, workspace, user, people, cancellationToken)
            || await IsAdminAsync(platform, workspace, user, cancellationToken);
    }

    private async Task<bool> IsAnyOfAsync(PlatformId platform, WorkspaceId workspace, UserId user, IEnumerable<SchedulePerson> people, CancellationToken cancellationToken)
    {
        var emails = new List<string>();
        foreach (var person in people)
        {
            if (person.User == user)
                return true;
            if (person.Email is { } email)
                emails.Add(email);
        }
        if (emails.Count == 0)
            return false;
        // The person's own profile says their address in one (cached) call.
        if ((await users.GetAsync(platform, workspace, user, cancellationToken))?.Email is { Length: > 0 } own)
            return emails.Contains(own.Trim(), StringComparer.OrdinalIgnoreCase);
        foreach (var email in emails.Take(MaxEmailLookups))
        {
            if (await users.FindByEmailAsync(platform, workspace, email, cancellationToken) == user)
                return true;
        }
        return false;
    }
}
