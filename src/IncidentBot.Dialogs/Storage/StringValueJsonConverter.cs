using System.Text.Json;
using System.Text.Json.Serialization;

namespace IncidentBot.Dialogs.Storage;

/// <summary>Writes an id struct as its plain string, so documents read <c>"lead":"U123"</c>.</summary>
public sealed class StringValueJsonConverter<T> : JsonConverter<T>
    where T : struct, IStringValue<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        T.From(reader.GetString() ?? throw new JsonException($"Expected a string for {typeof(T).Name}."));

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
