using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json;
using IncidentBot.Dialogs.Storage;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Embedded;

/// <summary>
/// Translates a <see cref="DocumentQuery"/> to SQLite over the JSON bodies. Values are always
/// bound; paths and the document type are written inline by <see cref="SqliteJson"/> (so the
/// expression indexes in <see cref="SqliteSchema"/> match) and are therefore held to a strict pattern first.
/// </summary>
internal static class DocumentQuerySql
{
    private const string Visible = "(expires_at IS NULL OR expires_at > $now)";

    public static void Select(SqliteCommand command, DocumentQuery query, long now)
    {
        var sql = new StringBuilder("SELECT body, etag FROM ").Append(Source(query)).Append(" WHERE ");
        AppendWhere(sql, command, query, now);
        var direction = query.Descending ? " DESC" : "";
        sql.Append(" ORDER BY ");
        if (query.OrderBy is { } orderBy)
            sql.Append(Operand(orderBy, query.Type)).Append(direction).Append(", ");
        // Without an order of its own, `id` only makes the answer repeatable. Written plainly, SQLite (which has no
        // statistics here) would rather walk the whole type in id order (ix_documents_type) than seek the filter's
        // index and sort a few rows: the clocks of one incident read every clock in the workspace. `+id` cannot be
        // served by an index, so an equality on an indexed path chooses the index.
        sql.Append(query.OrderBy is null && SeeksAnIndex(query) ? "+id" : "id").Append(direction);
        AppendLimit(sql, command, query);
        command.CommandText = sql.ToString();
    }

    /// <summary>Counts what <see cref="Select"/> would return, <see cref="DocumentQuery.Top"/> included.</summary>
    public static void Count(SqliteCommand command, DocumentQuery query, long now)
    {
        var sql = new StringBuilder("SELECT COUNT(*) FROM (SELECT 1 FROM ").Append(Source(query)).Append(" WHERE ");
        AppendWhere(sql, command, query, now);
        AppendLimit(sql, command, query);
        sql.Append(')');
        command.CommandText = sql.ToString();
    }

    /// <summary>(path, document type) pairs with an index (on a member column or an expression) right after (workspace_id, type) in <see cref="SqliteSchema"/>.</summary>
    private static readonly FrozenSet<(string Path, string Type)> IndexedPaths = SqliteSchema.IndexedPathTypes
        .SelectMany(indexed => indexed.Types.Select(type => (indexed.Path.Name, type))).ToFrozenSet();

    /// <summary>
    /// The table, and for a type that ix_documents_type leaves out (<see cref="SqliteSchema.BulkTypeIndexes"/>) and no
    /// equality that seeks an index, the index of that type which leads with (workspace_id, type): SQLite, without
    /// statistics, would rather walk the workspace's every document by the primary key.
    /// </summary>
    private static string Source(DocumentQuery query) =>
        SqliteSchema.BulkTypeIndexes.TryGetValue(query.Type, out var index) && !SeeksAnIndex(query)
            ? "documents INDEXED BY " + index
            : "documents";

    private static bool SeeksAnIndex(DocumentQuery query) =>
        query.Filters.Any(f => f.Operator == FilterOperator.Equal && f.Value is not null && IndexedPaths.Contains((f.Path.Name, query.Type)));

    private static void AppendWhere(StringBuilder sql, SqliteCommand command, DocumentQuery query, long now)
    {
        ArgumentException.ThrowIfNullOrEmpty(query.WorkspaceId);
        ArgumentException.ThrowIfNullOrEmpty(query.Type);
        // The type is written, not bound: the expression indexes are partial to the types they hold (SqliteSchema).
        sql.Append("workspace_id = $workspace AND ").Append(SqliteJson.DocumentType(query.Type)).Append(" AND ").Append(Visible);
        // Redundant beside the type's equality, but it lets the partial ix_documents_type serve the query (SqliteSchema.NotBulkType).
        if (!SqliteSchema.BulkTypeIndexes.ContainsKey(query.Type))
            sql.Append(" AND ").Append(SqliteSchema.NotBulkType);
        command.Parameters.AddWithValue("$workspace", query.WorkspaceId);
        command.Parameters.AddWithValue("$now", now);
        for (var i = 0; i < query.Filters.Count; i++)
            sql.Append(" AND ").Append(Condition(query.Filters[i], query.Type, command, "$p" + i.ToString(CultureInfo.InvariantCulture)));
    }

    private static void AppendLimit(StringBuilder sql, SqliteCommand command, DocumentQuery query)
    {
        if (query.Top is not { } top)
            return;
        ArgumentOutOfRangeException.ThrowIfNegative(top, nameof(query));
        sql.Append(" LIMIT $top");
        command.Parameters.AddWithValue("$top", top);
    }

    /// <summary>
    /// The member's column where the type has one (schema 5: its index is on the column, and the column holds what
    /// json_extract would give), else json_extract of the body, which an expression index of <see cref="SqliteSchema"/> may serve.
    /// </summary>
    private static string Operand(DocumentPath path, string type) => SqliteSchema.ColumnOf(path, type) ?? SqliteJson.Extract(path);

    private static string Condition(DocumentFilter filter, string type, SqliteCommand command, string parameter)
    {
        var path = SqliteJson.JsonPath(filter.Path);
        var operand = Operand(filter.Path, type);
        if (filter.Operator == FilterOperator.IsDefined)
            return operand + " IS NOT NULL";

        var value = ToSqlValue(DocumentJson.ToJsonValue(filter.Value), filter);
        if (value is null)
        {
            // Null members are never written, so "equals null" means absent, as a reader would expect.
            return filter.Operator switch
            {
                FilterOperator.Equal => operand + " IS NULL",
                FilterOperator.NotEqual => operand + " IS NOT NULL",
                _ => throw new ArgumentException($"{filter.Operator} on '{filter.Path}' needs a value.", nameof(filter)),
            };
        }

        command.Parameters.AddWithValue(parameter, value);
        return filter.Operator switch
        {
            FilterOperator.Equal => $"{operand} = {parameter}",
            FilterOperator.NotEqual => $"{operand} <> {parameter}",
            FilterOperator.LessThan => $"{operand} < {parameter}",
            FilterOperator.LessThanOrEqual => $"{operand} <= {parameter}",
            FilterOperator.GreaterThan => $"{operand} > {parameter}",
            FilterOperator.GreaterThanOrEqual => $"{operand} >= {parameter}",
            // json_each walks an object's members or yields a scalar itself; Cosmos ARRAY_CONTAINS only matches arrays.
            FilterOperator.ArrayContains =>
                $"(json_type(body, {path}) = 'array' AND EXISTS (SELECT 1 FROM json_each(body, {path}) AS item WHERE item.value = {parameter}))",
            _ => throw new ArgumentOutOfRangeException(nameof(filter), filter.Operator, "Unknown filter operator."),
        };
    }

    /// <summary>
    /// The value as json_extract returns the same JSON: text for strings (enum names, UTC times),
    /// integer or real for numbers, 1/0 for booleans.
    /// </summary>
    private static object? ToSqlValue(JsonElement json, DocumentFilter filter) => json.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        JsonValueKind.String => json.GetString(),
        JsonValueKind.Number => json.TryGetInt64(out var whole) ? whole : json.GetDouble(),
        JsonValueKind.True => 1L,
        JsonValueKind.False => 0L,
        _ => throw new ArgumentException($"Filters compare single values; '{filter.Path}' was given {json.ValueKind}.", nameof(filter)),
    };
}
