using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IncidentBot.Slack.Inbound;

namespace IncidentBot.Testing.Hosts;

/// <summary>Builds requests the way Slack sends them: form or JSON bodies, signed with the v0 HMAC.</summary>
public static class SlackRequests
{
    public const string Team = "T0TEST";
    public const string User = "U0ALICE";
    public const string Channel = "C0GENERAL";

    public static HttpRequestMessage Command(
        string text, TimeProvider clock, string? user = null, string? channel = null, string? triggerId = null, string team = Team) =>
        SignedRequest("/slack/commands", FormBody(new Dictionary<string, string>
        {
            ["token"] = "legacy-verification-token",
            ["team_id"] = team,
            ["team_domain"] = "tands",
            ["channel_id"] = channel ?? Channel,
            ["channel_name"] = "general",
            ["user_id"] = user ?? User,
            ["user_name"] = "alice",
            ["command"] = "/incident",
            ["text"] = text,
            ["api_app_id"] = "A0BOT",
            ["response_url"] = "https://hooks.slack.com/commands/T0TEST/1/abc",
            ["trigger_id"] = triggerId ?? $"{Guid.NewGuid():N}.trigger",
        }), "application/x-www-form-urlencoded", clock);

    public static HttpRequestMessage Interaction(object payload, TimeProvider clock) =>
        SignedRequest("/slack/interactions", FormBody(new Dictionary<string, string> { ["payload"] = JsonSerializer.Serialize(payload) }),
            "application/x-www-form-urlencoded", clock);

    public static HttpRequestMessage Event(object envelope, TimeProvider clock, int? retryNum = null)
    {
        var request = SignedRequest("/slack/events", JsonSerializer.Serialize(envelope), "application/json", clock);
        if (retryNum is { } n)
        {
            request.Headers.Add("X-Slack-Retry-Num", n.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }
        return request;
    }

    /// <summary>A request with the body and headers given as-is, for tests of bad signatures and timestamps.</summary>
    public static HttpRequestMessage Raw(string path, string body, string contentType, string? timestamp, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (timestamp is not null)
            request.Headers.Add(SlackRequestVerifier.TimestampHeader, timestamp);
        if (signature is not null)
            request.Headers.Add(SlackRequestVerifier.SignatureHeader, signature);
        return request;
    }

    public static HttpRequestMessage SignedRequest(string path, string body, string contentType, TimeProvider clock, string secret = BotApplication.SigningSecret)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = SlackSignature.Compute(secret, timestamp, Encoding.UTF8.GetBytes(body));
        return Raw(path, body, contentType, timestamp, signature);
    }

    /// <summary>Form-encodes like Slack: spaces as <c>+</c>.</summary>
    public static string FormBody(IReadOnlyDictionary<string, string> fields) =>
        string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value).Replace("%20", "+", StringComparison.Ordinal)}"));
}
