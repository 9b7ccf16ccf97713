using System.Text.Json;
using System.Text.Json.Serialization;

namespace IncidentBot.Slack.Inbound;

/// <summary>An Events API delivery: url_verification, event_callback, or app_rate_limited.</summary>
public sealed record EventEnvelope
{
    public string Type { get; init; } = "";

    public string? Challenge { get; init; }

    [JsonPropertyName("team_id")]
    public string? TeamId { get; init; }

    [JsonPropertyName("event_id")]
    public string? EventId { get; init; }

    public JsonElement Event { get; init; }

    [JsonPropertyName("minute_rate_limited")]
    public long MinuteRateLimited { get; init; }
}

/// <summary>The inner events we act on; fields of app_mention, message and reaction_added.</summary>
public sealed record SlackEvent
{
    public string Type { get; init; } = "";

    public string? User { get; init; }

    public string? Text { get; init; }

    public string? Ts { get; init; }

    public string? Channel { get; init; }

    public string? Reaction { get; init; }

    public ReactionItem? Item { get; init; }

    [JsonPropertyName("bot_id")]
    public string? BotId { get; init; }

    /// <summary>Set on message events that are not a person's plain post (edits, joins, bot messages).</summary>
    public string? Subtype { get; init; }

    [JsonPropertyName("thread_ts")]
    public string? ThreadTs { get; init; }
}

public sealed record ReactionItem(string? Type, string? Channel, string? Ts);
