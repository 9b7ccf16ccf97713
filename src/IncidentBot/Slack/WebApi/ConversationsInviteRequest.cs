namespace IncidentBot.Slack.WebApi;

/// <param name="Users">Comma-separated user ids.</param>
/// <param name="Force">
/// Without it one bad id (already there, deactivated) fails the whole call and nobody is
/// invited; with it Slack invites the others and lists the bad ones in <c>errors[]</c>.
/// </param>
internal sealed record ConversationsInviteRequest(string Channel, string Users, bool Force);
