using System.Text;
using System.Text.Json;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Storage.Cosmos;

/// <summary>
/// A document as Cosmos DB stores it: <see cref="DocumentJson"/>'s form, plus <c>ttl</c> for an
/// expiring document (<see cref="StoredExpiry"/>) and <c>writeId</c>, the operation id of the batch that wrote it, which lets
/// a client that lost the answer to a write read back whether it was committed.
/// </summary>
internal static class CosmosDocumentBody
{
    public const string WriteIdProperty = "writeId";

    /// <param name="keepForever">An expiring document stored with <c>ttl: -1</c> (its incident is under a legal hold).</param>
    public static byte[] Serialize(IDocument document, string writeId, bool keepForever = false)
    {
        DocumentRules.EnsureWritable(document);
        // The runtime type, not the declared one: a document passed as a base type must still store all of itself.
        var body = JsonSerializer.SerializeToUtf8Bytes(document, document.GetType(), DocumentJson.Options);
        // An object always ends in '}' and has at least its id: append the properties before it.
        var suffix = Encoding.UTF8.GetBytes($"{StoredExpiry.Suffix(document, keepForever)},\"{WriteIdProperty}\":\"{writeId}\"}}");
        var stamped = new byte[body.Length - 1 + suffix.Length];
        body.AsSpan(0, body.Length - 1).CopyTo(stamped);
        suffix.CopyTo(stamped.AsSpan(body.Length - 1));
        return stamped;
    }

    /// <summary>The writeId and ETag of a stored document as read raw.</summary>
    public static (string? WriteId, string? ETag) Stamp(JsonElement document) =>
        (document.TryGetProperty(WriteIdProperty, out var writeId) ? writeId.GetString() : null,
         document.TryGetProperty("_etag", out var etag) ? etag.GetString() : null);
}
