using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IncidentBot.Dialogs.Storage;

/// <summary>
/// The one serialiser setting for stored documents, shared by every store so the same
/// document has the same bytes in Cosmos DB and in the embedded file.
/// </summary>
public static class DocumentJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>A filter value in the JSON form the stores compare against (enums as names, times as UTC text).</summary>
    public static JsonElement ToJsonValue(object? value) =>
        value is null ? default : JsonSerializer.SerializeToElement(value, value.GetType(), Options);

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = false,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.Converters.Add(new UtcTimestampConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>
    /// Times are written as fixed-width UTC text (<c>2026-11-25T13:21:12.0000000Z</c>) so
    /// that comparing the strings compares the instants, in both stores' queries.
    /// </summary>
    private sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
    {
        public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

        // Every document has several: each was a string read or written (PERFORMANCE.md, thirty-sixth session).
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            // Our own form ends in Z and needs no string; any other (no offset: taken as UTC) goes the long way.
            if (reader.TokenType == JsonTokenType.String && !reader.HasValueSequence && !reader.ValueIsEscaped
                && reader.ValueSpan is [.., (byte)'Z'] && reader.TryGetDateTimeOffset(out var utc))
                return utc;
            return DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
        {
            Span<char> text = stackalloc char[Format.Length];
            if (!value.UtcDateTime.TryFormat(text, out var written, Format, CultureInfo.InvariantCulture))
                throw new FormatException($"{value:O} does not fit the stored time form.");
            writer.WriteStringValue(text[..written]);
        }
    }
}
