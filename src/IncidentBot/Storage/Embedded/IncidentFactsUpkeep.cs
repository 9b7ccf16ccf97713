using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging;

namespace IncidentBot.Storage.Embedded;

/// <summary>
/// The incident facts kept by the writer itself, in the unit of the write that changes them. The facts' triggers on
/// <c>documents</c> ran for every row of every type, whether their <c>WHEN</c> held or not: a timeline event, a report or a
/// ledger entry paid about 5 µs for them, an incident replaced in place about 20 µs, a join about 35 µs of the one writer's
/// time, and without them the p99 at 2,000 reports/s was lower in every pair (PERFORMANCE.md, thirty-third session). So the
/// writer's connection runs with its triggers off, and after each write it runs the triggers' own statements
/// (<see cref="IncidentFacts"/>) for the rows they concern only: an incident, a page, a clock, a lead assignment. The
/// triggers stay for every other connection (the schema's own changes, an older build, a person at the sqlite3 prompt).
/// </summary>
internal static class IncidentFactsUpkeep
{
    // How the serialiser writes a role assignment's kind. A timeline event without it is no concern of the facts; one
    // that merely holds the text elsewhere costs a needless recount, never a missed one.
    private static ReadOnlySpan<byte> RoleAssigned => "\"kind\":\"roleAssigned\""u8;

    /// <summary>A document of this type may change the facts, and its stored row is read before it is replaced.</summary>
    public static bool IsRelatedType(string type) => type is Page.DocumentType or Clock.DocumentType or TimelineEvent.DocumentType;

    private static bool IsRelated(string type, ReadOnlySpan<byte> body) =>
        type is Page.DocumentType or Clock.DocumentType || (type == TimelineEvent.DocumentType && body.IndexOf(RoleAssigned) >= 0);

    /// <summary>The stored row as it is now, or null: read before a write whose old row the facts depend on.</summary>
    public static StoredRow? ReadStored(SqliteWriter writer, string workspaceId, string id)
    {
        var read = writer.Statement(ReadSql);
        read.Bind("$workspace", workspaceId);
        read.Bind("$id", id);
        return StepToRow(read, workspaceId);
    }

    /// <summary>Runs a statement whose row, if any, is a document's <c>type, body</c> (a read, or a delete's RETURNING), and resets it.</summary>
    public static StoredRow? StepToRow(SqliteStatement statement, string workspaceId)
    {
        try
        {
            return statement.Step() ? new StoredRow(workspaceId, statement.ColumnString(0), statement.ColumnBytes(1).ToArray()) : null;
        }
        finally
        {
            statement.Reset();
        }
    }

    /// <summary>After <paramref name="row"/> was written at <paramref name="now"/> over <paramref name="stored"/> (null: none, or not read because it cannot matter).</summary>
    public static void Written(SqliteWriter writer, DocumentRow row, long now, StoredRow? stored)
    {
        var expiresAt = row.ExpiresAt(now);
        if (stored is { } was)
            Removed(writer, was, replacedBy: row.Type);
        if (row.Type == Incident.DocumentType)
        {
            var inPlace = writer.Statement(IncidentFacts.UpdateInPlaceSql);
            BindNew(inPlace, row, expiresAt);
            if (inPlace.Execute() == 1)
                RunNew(writer, IncidentFacts.AcknowledgeInPlaceSql, row, expiresAt);
            else
                RunNew(writer, IncidentFacts.IncidentWrittenSql, row, expiresAt);
        }
        else if (IsRelated(row.Type, row.Body))
        {
            RunNew(writer, IncidentFacts.RelatedWrittenSql, row, expiresAt);
        }
    }

    /// <summary>After <paramref name="stored"/> was deleted, or replaced by a row of type <paramref name="replacedBy"/>.</summary>
    public static void Removed(SqliteWriter writer, StoredRow stored, string? replacedBy = null)
    {
        if (stored.Type == Incident.DocumentType && replacedBy != Incident.DocumentType)
        {
            var delete = writer.Statement(IncidentFacts.IncidentRemovedSql);
            BindOld(delete, stored);
            delete.Execute();
        }
        else if (IsRelated(stored.Type, stored.Body))
        {
            foreach (var sql in IncidentFacts.RelatedRemovedSql)
            {
                var statement = writer.Statement(sql);
                BindOld(statement, stored);
                statement.Execute();
            }
        }
    }

    private static void RunNew(SqliteWriter writer, string[] statements, DocumentRow row, long? expiresAt)
    {
        foreach (var sql in statements)
        {
            var statement = writer.Statement(sql);
            BindNew(statement, row, expiresAt);
            statement.Execute();
        }
    }

    private static void BindNew(SqliteStatement statement, DocumentRow row, long? expiresAt)
    {
        statement.Bind("$new_workspace_id", row.WorkspaceId);
        statement.BindUtf8("$new_body", row.Body);
        statement.Bind("$new_expires_at", expiresAt);
    }

    private static void BindOld(SqliteStatement statement, StoredRow stored)
    {
        statement.Bind("$old_workspace_id", stored.WorkspaceId);
        statement.BindUtf8("$old_body", stored.Body);
    }

    private const string ReadSql = "SELECT type, body FROM documents WHERE workspace_id = $workspace AND id = $id";

    /// <summary>A document's row as stored, as far as the facts need it.</summary>
    public readonly record struct StoredRow(string WorkspaceId, string Type, byte[] Body);
}
