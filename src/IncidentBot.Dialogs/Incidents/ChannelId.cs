using System.Text.Json.Serialization;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Incidents;

/// <summary>A conversation as the chat platform knows it (Slack <c>C…</c>/<c>G…</c>, Teams thread id).</summary>
[JsonConverter(typeof(StringValueJsonConverter<ChannelId>))]
public readonly record struct ChannelId(string Value) : IStringValue<ChannelId>
{
    public static ChannelId From(string value) => new(value);

    public string Mention => $"<#{Value}>";

    public override string ToString() => Value;
}
