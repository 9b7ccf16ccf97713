using System.Text.Json;
using IncidentBot.Dialogs.Storage;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Embedded;

/// <summary>
/// A document as its row: the key columns, the body in the shared JSON form, and the members copied into columns.
/// The body stays UTF-8 from the serialiser to SQLite (bound as a blob; every statement
/// stores it as <c>CAST($body AS TEXT)</c>, which SQLite takes as the same bytes in the database's encoding, UTF-8, so the
/// column holds text, as json_extract and the readers expect): as a
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

    /// <param name="withColumns">Whether the statement names the member columns; their parameters are bound only then (NULL for a type without them).</param>
    public void Bind(SqliteCommand command, string etag, long now, bool withColumns)
    {
        command.Parameters.AddWithValue("$workspace", WorkspaceId);
        command.Parameters.AddWithValue("$id", Id);
        command.Parameters.AddWithValue("$type", Type);
        command.Parameters.AddWithValue("$etag", etag);
        command.Parameters.AddWithValue("$body", Body);
        command.Parameters.AddWithValue("$expires", TimeToLiveSeconds is { } seconds ? now + seconds * 1000L : DBNull.Value);
        command.Parameters.AddWithValue("$now", now);
        if (!withColumns)
            return;
        command.Parameters.AddWithValue("$number", Columns.Number ?? DBNull.Value);
        command.Parameters.AddWithValue("$is_open", Columns.IsOpen ?? DBNull.Value);
        command.Parameters.AddWithValue("$channel", Columns.Channel ?? DBNull.Value);
    }
}
