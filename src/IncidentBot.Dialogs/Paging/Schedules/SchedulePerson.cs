using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Paging.Schedules;

/// <summary>
/// Someone who can be on call: a person named by e-mail in the on-call file (resolved to a
/// chat user when paged), or a chat user named directly (an override typed as <c>@user</c>).
/// </summary>
public sealed record SchedulePerson
{
    private SchedulePerson(string? email, UserId? user)
    {
        Email = email;
        User = user;
    }

    public string? Email { get; }

    public UserId? User { get; }

    public static SchedulePerson ByEmail(string email) => new(email.Trim().ToLowerInvariant(), null);

    public static SchedulePerson ByUser(UserId user) => new(null, user);

    /// <summary>How the person is shown before they are resolved: the mention, or the e-mail address.</summary>
    public string Display => User is { } user ? user.Mention : Email!;

    public override string ToString() => User?.Value ?? Email!;
}
