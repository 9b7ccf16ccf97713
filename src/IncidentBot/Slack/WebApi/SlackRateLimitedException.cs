namespace IncidentBot.Slack.WebApi;

/// <summary>Slack kept answering HTTP 429 after <see cref="SlackOptions.MaxRateLimitRetries"/> waits.</summary>
public sealed class SlackRateLimitedException(string method, TimeSpan retryAfter, int attempts)
    : SlackApiException(method, "ratelimited")
{
    /// <summary>Slack's last <c>Retry-After</c>: when a later job may try again.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;

    public int Attempts { get; } = attempts;
}
