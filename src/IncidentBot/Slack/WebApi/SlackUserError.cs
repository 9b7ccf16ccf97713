namespace IncidentBot.Slack.WebApi;

/// <summary>One entry of <c>errors[]</c>: why one user of a multi-user call failed.</summary>
public sealed record SlackUserError(string User = "", string Error = "");
