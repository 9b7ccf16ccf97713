namespace IncidentBot.Slack.WebApi;

/// <summary>The <c>users.*</c> methods, and <c>usergroups.users.list</c> (who is in a user group).</summary>
public sealed class SlackUsersApi(SlackApiClient client)
{
    /// <summary>Plural, unlike <c>users.info</c>'s <c>user_not_found</c>.</summary>
    public const string UsersNotFound = "users_not_found";

    public async Task<SlackUser> InfoAsync(string user, CancellationToken cancellationToken)
    {
        var response = await client.PostFormAsync("users.info", [new("user", user)], SlackWebApiJsonContext.Default.UserResponse, cancellationToken);
        return response.User;
    }

    /// <returns>The user, or null when nobody in the workspace has this address. Needs <c>users:read.email</c>.</returns>
    public async Task<SlackUser?> LookupByEmailAsync(string email, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.PostFormAsync("users.lookupByEmail", [new("email", email)], SlackWebApiJsonContext.Default.UserResponse, cancellationToken);
            return response.User;
        }
        catch (SlackApiException e) when (e.Error == UsersNotFound)
        {
            return null;
        }
    }

    /// <returns>The members of a user group (<c>S…</c>), or null when there is no such group. Needs <c>usergroups:read</c>.</returns>
    public async Task<IReadOnlyList<string>?> UsergroupMembersAsync(string usergroup, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.PostFormAsync("usergroups.users.list", [new("usergroup", usergroup)],
                SlackWebApiJsonContext.Default.UsergroupUsersResponse, cancellationToken);
            return response.Users;
        }
        catch (SlackApiException e) when (e.Error is "no_such_subteam" or "subteam_not_found")
        {
            return null;
        }
    }
}
