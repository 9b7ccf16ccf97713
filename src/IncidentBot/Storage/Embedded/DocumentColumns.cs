using System.Buffers;
using System.Text;
using System.Text.Json;

namespace IncidentBot.Storage.Embedded;

/// <summary>
/// The body members a document row also holds as columns of its own (schema 5): <c>number</c>, <c>isOpen</c> and
/// <c>channel</c> of the types in <see cref="SqliteSchema.ColumnTypes"/>, NULL for every other type. Each is the value
/// <c>json_extract(body, '$.member')</c> gives (text, integer or real, 1/0 for a boolean, NULL when absent), read
/// from the body the row stores, so a column never disagrees with its body and the upgrade's UPDATE fills the same.
/// </summary>
internal readonly record struct DocumentColumns(object? Number, object? IsOpen, object? Channel)
{
    public static DocumentColumns Read(string type, ReadOnlySpan<byte> body) =>
        SqliteSchema.ColumnTypes.Contains(type) ? Read(body) : default;

    // Only the top level's members are looked at; nested objects and arrays are skipped whole.
    private static DocumentColumns Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        object? number = null, isOpen = null, channel = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var member = reader.ValueTextEquals("number"u8) ? 0 : reader.ValueTextEquals("isOpen"u8) ? 1 : reader.ValueTextEquals("channel"u8) ? 2 : -1;
            reader.Read();
            if (member < 0)
            {
                reader.Skip();
                continue;
            }
            var value = Value(ref reader, json);
            switch (member)
            {
                case 0: number = value; break;
                case 1: isOpen = value; break;
                default: channel = value; break;
            }
        }
        return new DocumentColumns(number, isOpen, channel);
    }

    /// <summary>The value as json_extract returns it (an object or array as its JSON text, which the shared options write minified).</summary>
    private static object? Value(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var whole) ? whole : reader.GetDouble();
            case JsonTokenType.True:
                return 1L;
            case JsonTokenType.False:
                return 0L;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                return Encoding.UTF8.GetString(json[start..(int)reader.BytesConsumed]);
            default:
                return null;
        }
    }
}
