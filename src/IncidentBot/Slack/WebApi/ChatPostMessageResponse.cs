namespace IncidentBot.Slack.WebApi;

/// <param name="Channel">The conversation id; for a post to a user id, the DM's <c>D…</c> id.</param>
public sealed record ChatPostMessageResponse(string Channel, string Ts);
