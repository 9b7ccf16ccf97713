using Microsoft.Extensions.Options;

namespace IncidentBot.Slack.Inbound;

/// <summary>Checks a request's signature and that its timestamp is within the allowed window of now.</summary>
public sealed class SlackRequestVerifier(IOptionsMonitor<SlackOptions> options, TimeProvider clock)
{
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public const string SignatureHeader = "X-Slack-Signature";

    public SlackVerification Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
            return SlackVerification.MissingHeaders;
        if (!SlackSignature.TryParseTimestamp(timestamp, out var sentAt))
            return SlackVerification.MalformedTimestamp;
        var settings = options.CurrentValue;
        // Both directions: a timestamp from the future is as suspicious as an old one.
        if ((clock.GetUtcNow() - sentAt).Duration() > TimeSpan.FromSeconds(settings.MaxRequestAgeSeconds))
            return SlackVerification.StaleTimestamp;
        return SlackSignature.Matches(settings.SigningSecret, timestamp, body, signature)
            ? SlackVerification.Valid
            : SlackVerification.BadSignature;
    }
}
