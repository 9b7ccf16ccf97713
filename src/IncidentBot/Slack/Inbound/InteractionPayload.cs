using System.Text.Json;
using System.Text.Json.Serialization;

namespace IncidentBot.Slack.Inbound;

/// <summary>
/// The JSON inside an interactivity request's <c>payload</c> field: block_actions,
/// view_submission, message_action and shortcut share this envelope. Unknown fields are ignored.
/// </summary>
public sealed record InteractionPayload
{
    public string Type { get; init; } = "";

    public SlackTeam? Team { get; init; }

    public SlackUser? User { get; init; }

    [JsonPropertyName("trigger_id")]
    public string? TriggerId { get; init; }

    [JsonPropertyName("response_url")]
    public string? ResponseUrl { get; init; }

    [JsonPropertyName("callback_id")]
    public string? CallbackId { get; init; }

    [JsonPropertyName("action_ts")]
    public string? ActionTs { get; init; }

    public IReadOnlyList<BlockAction>? Actions { get; init; }

    public InteractionContainer? Container { get; init; }

    public SlackChannel? Channel { get; init; }

    public SlackMessage? Message { get; init; }

    public SlackView? View { get; init; }
}

public sealed record SlackTeam(string Id, string? Domain);

public sealed record SlackUser(string Id, [property: JsonPropertyName("team_id")] string? TeamId);

public sealed record SlackChannel(string Id, string? Name);

public sealed record SlackMessage(string? Ts, string? Text, string? User);

public sealed record BlockAction(
    [property: JsonPropertyName("action_id")] string ActionId,
    [property: JsonPropertyName("block_id")] string? BlockId,
    string? Value,
    [property: JsonPropertyName("action_ts")] string? ActionTs);

public sealed record InteractionContainer(
    string? Type,
    [property: JsonPropertyName("message_ts")] string? MessageTs,
    [property: JsonPropertyName("channel_id")] string? ChannelId);

public sealed record SlackView
{
    public string Id { get; init; } = "";

    public string? Hash { get; init; }

    [JsonPropertyName("callback_id")]
    public string? CallbackId { get; init; }

    [JsonPropertyName("private_metadata")]
    public string? PrivateMetadata { get; init; }

    public SlackViewState? State { get; init; }
}

/// <summary><c>values[block_id][action_id]</c> = the element's state, whose shape depends on the element type.</summary>
public sealed record SlackViewState(IReadOnlyDictionary<string, IReadOnlyDictionary<string, JsonElement>> Values);
