using System.Text.Json;
using System.Text.Json.Serialization;

namespace IncidentBot.Dialogs.Platform;

/// <summary>
/// Stores a <see cref="RichText"/> as its list of runs. Messages stored before RichText existed
/// (outgoing messages, Teams card records) hold a mrkdwn string instead: read as a
/// <see cref="MrkdwnRun"/>, so they render exactly as they would have.
/// </summary>
public sealed class RichTextJsonConverter : JsonConverter<RichText>
{
    public override RichText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
            return RichText.Mrkdwn(reader.GetString() ?? "");
        var runs = JsonSerializer.Deserialize<List<TextRun>>(ref reader, options) ?? [];
        return RichText.From(runs);
    }

    public override void Write(Utf8JsonWriter writer, RichText value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        // Legacy text keeps its old stored shape, so an instance still on the old code reads it too.
        if (value.Runs is [MrkdwnRun legacy])
            writer.WriteStringValue(legacy.Mrkdwn);
        else if (value.IsEmpty)
            writer.WriteStringValue("");
        else
            JsonSerializer.Serialize(writer, value.Runs, options);
    }
}
