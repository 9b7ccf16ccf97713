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
}
