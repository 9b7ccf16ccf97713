using System.Text.Json;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Storage.Embedded;

/// <summary>
/// A document as its row: the key columns, the body in the shared JSON form, and the members copied into columns.
/// The body stays UTF-8 from the serialiser to SQLite (bound as text from its bytes, <see cref="SqliteStatement"/>): as a
/// string it was transcoded to UTF-16 and back for every write, about a tenth of what a report allocated.
/// </summary>
internal readonly record struct DocumentRow(string WorkspaceId, string Id, string Type, byte[] Body, int? TimeToLiveSeconds, DocumentColumns Columns)
{
    /// <param name="keepForever">An expiring document kept past its time to live (its incident is under a legal hold).</param>
    public static DocumentRow From(IDocument document, bool keepForever = false)
    {
        DocumentRules.EnsureWritable(document);
        // Seconds from the write, or -1 for "never" (stored as no expiry).
        int? timeToLive = DocumentRules.ExpirySeconds(document, keepForever) is > 0 and var seconds ? seconds : null;
        // The runtime type, not T: a document passed as a base type must still store all of itself.
        var body = StoredExpiry.AddTo(JsonSerializer.SerializeToUtf8Bytes(document, document.GetType(), DocumentJson.Options), document, keepForever);
        return new DocumentRow(document.WorkspaceId, document.Id, document.Type, body, timeToLive, DocumentColumns.Read(document.Type, body));
    }

    /// <summary>Whether the document's type has member columns (<see cref="SqliteSchema.ColumnTypes"/>).</summary>
    public bool HasColumns => SqliteSchema.ColumnTypes.Contains(Type);

    /// <summary>The row's <c>expires_at</c> when written at <paramref name="now"/> (Unix milliseconds), or null for none.</summary>
    public long? ExpiresAt(long now) => TimeToLiveSeconds is { } seconds ? now + seconds * 1000L : null;

    /// <param name="withColumns">Whether the statement names the member columns; their parameters are bound only then (NULL for a type without them).</param>
    public void Bind(SqliteStatement statement, string etag, long now, bool withColumns)
    {
        statement.Bind("$workspace", WorkspaceId);
        statement.Bind("$id", Id);
        statement.Bind("$type", Type);
        statement.Bind("$etag", etag);
        statement.BindUtf8("$body", Body);
        statement.Bind("$expires", ExpiresAt(now));
        statement.Bind("$now", now);
        if (!withColumns)
            return;
        statement.BindValue("$number", Columns.Number);
        statement.BindValue("$is_open", Columns.IsOpen);
        statement.BindValue("$channel", Columns.Channel);
    }
}
