using Microsoft.Extensions.Logging;

namespace IncidentBot.Slack.WebApi;

internal static partial class SlackWebApiLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {SlackMethod} rate limited; retrying in {RetryAfterSeconds}s (attempt {Attempt})")]
    public static partial void RateLimited(this ILogger logger, string slackMethod, double retryAfterSeconds, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {SlackMethod} still rate limited after {Attempts} attempts; giving up")]
    public static partial void RateLimitExhausted(this ILogger logger, string slackMethod, int attempts);

    // Debug: callers absorb some codes (already_pinned, users_not_found); the rest surface as exceptions.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Slack {SlackMethod} answered {SlackError}")]
    public static partial void ApiError(this ILogger logger, string slackMethod, string slackError);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack {SlackMethod} warned {SlackWarning}")]
    public static partial void ApiWarning(this ILogger logger, string slackMethod, string slackWarning);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused to post to a response_url on host {Host}: only https://hooks.slack.com is allowed (and this machine with Slack:AllowLoopbackTargets)")]
    public static partial void ResponseUrlRefused(this ILogger logger, string host);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A response_url answered HTTP {StatusCode}")]
    public static partial void ResponseUrlFailed(this ILogger logger, int statusCode);
}
