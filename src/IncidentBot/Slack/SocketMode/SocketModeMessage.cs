using System.Text.Json;
using System.Text.Json.Serialization;

namespace IncidentBot.Slack.SocketMode;

/// <summary>
/// One frame Slack sends over a Socket Mode connection: <c>hello</c>, <c>disconnect</c>, or an
/// envelope (<c>slash_commands</c>, <c>interactive</c>, <c>events_api</c>) to acknowledge by its
/// <c>envelope_id</c>. A retried envelope carries <c>retry_attempt</c> and <c>retry_reason</c>.
/// </summary>
public sealed record SocketModeMessage
{
    public string Type { get; init; } = "";

    [JsonPropertyName("envelope_id")]
    public string? EnvelopeId { get; init; }

    public JsonElement Payload { get; init; }

    [JsonPropertyName("accepts_response_payload")]
    public bool AcceptsResponsePayload { get; init; }

    [JsonPropertyName("retry_attempt")]
    public int RetryAttempt { get; init; }

    [JsonPropertyName("retry_reason")]
    public string? RetryReason { get; init; }

    /// <summary>Of a <c>disconnect</c>: <c>warning</c>, <c>refresh_requested</c> or <c>link_disabled</c>.</summary>
    public string? Reason { get; init; }

    /// <summary>Of a <c>hello</c>: how many connections the app has open, this one included.</summary>
    [JsonPropertyName("num_connections")]
    public int NumConnections { get; init; }
}
