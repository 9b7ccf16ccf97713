namespace IncidentBot.Slack.WebApi;

/// <summary>What every Web API answer has; read before the method's own response type.</summary>
internal sealed record SlackEnvelope(
    bool? Ok,
    string? Error = null,
    string? Warning = null,
    string? Needed = null,
    string? Provided = null,
    IReadOnlyList<SlackUserError>? Errors = null,
    SlackResponseMetadata? ResponseMetadata = null);
