using System.Text.Json.Nodes;

namespace IncidentBot.Testing.Fakes;

/// <summary>One request the bot made to the fake Bot Connector.</summary>
/// <param name="Kind"><c>create</c>, <c>create-refused</c>, <c>send</c>, <c>reply</c>, <c>update</c>, <c>member</c> or <c>members</c>.</param>
/// <param name="ConversationId">The conversation addressed (for <c>create</c>: the one created).</param>
/// <param name="ActivityId">The activity id the fake answered with, or the one updated / replied to.</param>
public sealed record ConnectorCall(string Kind, string ConversationId, string? ActivityId, JsonNode? Body, string? Authorization)
{
    /// <summary>The first Adaptive Card the activity carries, as JSON text (empty if none).</summary>
    public string CardJson =>
        (Body?["attachments"] as JsonArray ?? Body?["activity"]?["attachments"] as JsonArray)?.FirstOrDefault()?["content"]?.ToJsonString() ?? "";

    /// <summary>The card's text, unescaped, for Contains assertions.</summary>
    public string CardText => System.Text.RegularExpressions.Regex.Unescape(CardJson);

    public override string ToString() => $"{Kind} {ConversationId} {ActivityId}";
}
