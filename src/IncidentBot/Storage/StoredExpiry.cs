using System.Globalization;
using System.Text;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Storage;

/// <summary>
/// An expiring document's expiry in its stored body: <c>ttl</c>, whole seconds or -1 for kept forever,
/// the property Cosmos DB expires documents by. The domain's documents do not carry it
/// (<see cref="IExpiringDocument.ExpiresAfter"/> is not serialised); both stores add it here. The
/// embedded store expires by its own column but writes it too, so a body is the same in either store
/// and an instance still on the previous version, whose documents declared <c>ttl</c>, reads it.
/// </summary>
internal static class StoredExpiry
{
    public const string Property = "ttl";

    /// <summary>The UTF-8 body with <c>ttl</c> added, or the same array for a document that does not expire.</summary>
    public static byte[] AddTo(byte[] body, IDocument document, bool keepForever)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (Member(document, keepForever) is not { } member)
            return body;
        var added = new byte[body.Length + Encoding.UTF8.GetByteCount(member)];
        body.AsSpan(0, body.Length - 1).CopyTo(added);
        var end = body.Length - 1 + Encoding.UTF8.GetBytes(member, added.AsSpan(body.Length - 1));
        added[end] = (byte)'}';
        return added;
    }

    /// <summary>The members to add before a body's closing brace: <c>,"ttl":n</c>, or "" for a document that does not expire.</summary>
    public static string Suffix(IDocument document, bool keepForever) => Member(document, keepForever) ?? "";

    // An object always ends in '}' and has at least its id, so a member goes in before the brace after a comma.
    private static string? Member(IDocument document, bool keepForever) =>
        DocumentRules.ExpirySeconds(document, keepForever) is { } seconds
            ? string.Create(CultureInfo.InvariantCulture, $",\"{Property}\":{seconds}")
            : null;
}
