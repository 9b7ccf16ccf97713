using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using IncidentBot.Dialogs.Storage;
using Microsoft.Azure.Cosmos;

namespace IncidentBot.Storage.Cosmos;

/// <summary>
/// The SDK's serializer over <see cref="DocumentJson.Options"/>, so that whatever the SDK
/// serialises for us (query parameters, typed results, LINQ member names) has the same form
/// as the documents, which the store writes and reads as streams in that form itself.
/// Without it the SDK would use Newtonsoft.Json with other names and date formats.
/// </summary>
internal sealed class DocumentJsonCosmosSerializer : CosmosLinqSerializer
{
    public override T FromStream<T>(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (typeof(Stream).IsAssignableFrom(typeof(T)))
            return (T)(object)stream; // the caller owns it
        using (stream)
        {
            if (stream.CanSeek && stream.Length == 0)
                return default!;
            return JsonSerializer.Deserialize<T>(stream, DocumentJson.Options)!;
        }
    }

    public override Stream ToStream<T>(T input)
    {
        var stream = new MemoryStream();
        JsonSerializer.Serialize(stream, input, input?.GetType() ?? typeof(T), DocumentJson.Options);
        stream.Position = 0;
        return stream;
    }

    public override string SerializeMemberName(MemberInfo memberInfo)
    {
        ArgumentNullException.ThrowIfNull(memberInfo);
        if (memberInfo.GetCustomAttribute<JsonPropertyNameAttribute>() is { } named)
            return named.Name;
        return DocumentJson.Options.PropertyNamingPolicy?.ConvertName(memberInfo.Name) ?? memberInfo.Name;
    }
}
