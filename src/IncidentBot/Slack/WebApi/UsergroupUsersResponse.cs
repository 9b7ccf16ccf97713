namespace IncidentBot.Slack.WebApi;

/// <summary><c>usergroups.users.list</c>: the user ids of a user group.</summary>
internal sealed record UsergroupUsersResponse(IReadOnlyList<string> Users);
