using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace IncidentBot.Slack.Inbound;

/// <summary>The fields of a slash command we use, read from its form body.</summary>
public sealed record SlashCommand(
    string TeamId, string UserId, string ChannelId, string Command, string Text, string? ResponseUrl, string? TriggerId)
{
    /// <summary>Reads the form body; Slack encodes spaces as <c>+</c> and may leave <c>/</c> and <c>:</c> unescaped.</summary>
    public static SlashCommand? TryParse(string body, out string? problem)
    {
        var form = QueryHelpers.ParseQuery(body);
        string Field(string name) => form.TryGetValue(name, out var value) ? value.ToString() : "";
        var command = new SlashCommand(Field("team_id"), Field("user_id"), Field("channel_id"), Field("command"), Field("text"),
            NullIfEmpty(Field("response_url")), NullIfEmpty(Field("trigger_id")));
        problem = Problem(command);
        return problem is null ? command : null;
    }

    /// <summary>Reads a Socket Mode <c>slash_commands</c> payload: the same fields as the form, as a JSON object.</summary>
    public static SlashCommand? TryRead(JsonElement payload, out string? problem)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            problem = "payload is not an object";
            return null;
        }
        string Field(string name) => payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
        var command = new SlashCommand(Field("team_id"), Field("user_id"), Field("channel_id"), Field("command"), Field("text"),
            NullIfEmpty(Field("response_url")), NullIfEmpty(Field("trigger_id")));
        problem = Problem(command);
        return problem is null ? command : null;
    }

    private static string? Problem(SlashCommand command) => command switch
    {
        { TeamId.Length: 0 } => "team_id is missing",
        { UserId.Length: 0 } => "user_id is missing",
        { ChannelId.Length: 0 } => "channel_id is missing",
        _ => null,
    };

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
