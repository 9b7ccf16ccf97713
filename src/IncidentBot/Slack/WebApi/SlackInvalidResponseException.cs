namespace IncidentBot.Slack.WebApi;

/// <summary>
/// The answer was not a Slack envelope (not JSON, no <c>ok</c>, a field of the wrong type),
/// typically a proxy's error page or a change on Slack's side.
/// </summary>
public sealed class SlackInvalidResponseException(string method, string problem, Exception? innerException = null)
    : Exception($"Slack {method} answered with a body that is not a valid Slack response: {problem}", innerException)
{
    public string Method { get; } = method;
}
