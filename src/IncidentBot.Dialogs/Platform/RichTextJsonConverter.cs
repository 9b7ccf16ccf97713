using System.Text.Json;
using System.Text.Json.Serialization;

namespace IncidentBot.Dialogs.Platform;

/// <summary>
/// Stores a <see cref="RichText"/> as its list of runs. Messages stored before RichText existed
/// (outgoing messages, outbox items, Teams card records) hold a mrkdwn string instead: read into
/// runs by <see cref="LegacyMrkdwn"/>, so each platform renders them in its own markup.
/// </summary>
public sealed class RichTextJsonConverter : JsonConverter<RichText>
{
    public override RichText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
            return LegacyMrkdwn.Read(reader.GetString() ?? "");
        var runs = JsonSerializer.Deserialize<List<TextRun>>(ref reader, options) ?? [];
        return RichText.From(runs);
    }

    public override void Write(Utf8JsonWriter writer, RichText value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.IsEmpty)
            writer.WriteStringValue("");
        else
            JsonSerializer.Serialize(writer, value.Runs, options);
    }
}
