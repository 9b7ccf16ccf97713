using System.Text.Json.Serialization;

namespace IncidentBot.Teams.Cards;

/// <summary>
/// A mention in card text: <see cref="Text"/> (<c>&lt;at&gt;Name&lt;/at&gt;</c>) must appear in a
/// TextBlock or fact, or Teams ignores it. The id may be an AAD object id or a Teams user id.
/// </summary>
public sealed record CardMention(string Text, CardMentioned Mentioned)
{
    [JsonPropertyOrder(-1)]
    public string Type => "mention";
}
