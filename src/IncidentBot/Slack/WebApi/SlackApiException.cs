namespace IncidentBot.Slack.WebApi;

/// <summary>Slack answered <c>ok: false</c>; <see cref="Error"/> is Slack's code (<c>channel_not_found</c>, <c>name_taken</c>, ...).</summary>
public class SlackApiException(
    string method,
    string error,
    string? needed = null,
    string? provided = null,
    IReadOnlyList<SlackUserError>? userErrors = null,
    IReadOnlyList<string>? responseMessages = null)
    : Exception(Describe(method, error, needed, provided, userErrors, responseMessages))
{
    public string Method { get; } = method;

    public string Error { get; } = error;

    /// <summary>For <c>missing_scope</c>: the scope the method needs.</summary>
    public string? Needed { get; } = needed;

    /// <summary>For <c>missing_scope</c>: the scopes the token has.</summary>
    public string? Provided { get; } = provided;

    /// <summary>Per-user failures, as <c>conversations.invite</c> reports them in <c>errors[]</c>.</summary>
    public IReadOnlyList<SlackUserError> UserErrors { get; } = userErrors ?? [];

    /// <summary>Slack's validation notes (<c>response_metadata.messages</c>), e.g. which block is invalid.</summary>
    public IReadOnlyList<string> ResponseMessages { get; } = responseMessages ?? [];

    // Only codes, scope names, user ids and Slack's validation notes: nothing we sent, so the message is safe to log.
    private static string Describe(string method, string error, string? needed, string? provided,
        IReadOnlyList<SlackUserError>? userErrors, IReadOnlyList<string>? responseMessages)
    {
        var text = $"Slack {method} failed: {error}";
        if (needed is not null || provided is not null)
            text += $" (needed: {needed}; provided: {provided})";
        if (userErrors is { Count: > 0 })
            text += " [" + string.Join(", ", userErrors.Select(e => $"{e.User}: {e.Error}")) + "]";
        if (responseMessages is { Count: > 0 })
            text += " " + string.Join(" ", responseMessages);
        return text;
    }
}
