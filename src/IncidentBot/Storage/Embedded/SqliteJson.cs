using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Storage.Embedded;

/// <summary>
/// The one way the embedded store writes a document path into SQL. An expression index only serves a
/// query whose expression is textually the same, so queries and indexes both take it from here.
/// </summary>
internal static class SqliteJson
{
    /// <summary><c>'$.roles.lead'</c> for <c>roles.lead</c>, or <see cref="ArgumentException"/> for anything but dotted camel case.</summary>
    public static string JsonPath(DocumentPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return "'$." + string.Join('.', DocumentRules.PathNames(path.Name)) + "'";
    }

    /// <summary><c>json_extract(body, '$.path')</c>: the value at <paramref name="path"/> in a stored body.</summary>
    public static string Extract(DocumentPath path) => $"json_extract(body, {JsonPath(path)})";

    /// <summary>
    /// <c>type = 'incident'</c>: the document type as a literal, which a partial index's WHERE can match (a bound
    /// parameter only does when SQLite happens to prepare the statement after binding). Held to lower-case words
    /// joined by hyphens, so it needs no escaping.
    /// </summary>
    public static string DocumentType(string type)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        if (!IsDocumentType(type))
            throw new ArgumentException($"'{type}' is not a document type (lower-case letters and hyphens).", nameof(type));
        return "type = '" + type + "'";
    }

    private static bool IsDocumentType(string type) =>
        type[0] != '-' && type[^1] != '-' && type.All(c => c is (>= 'a' and <= 'z') or '-');
}
