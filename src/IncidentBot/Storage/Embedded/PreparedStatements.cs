using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Embedded;

/// <summary>
/// Statements prepared once on one connection, found again by their SQL: the writer's document statements, a reader's
/// query shapes. Cleared (finalised) before the connection closes, which would otherwise linger until they are.
/// </summary>
/// <param name="maxKept">Past this many, the collection starts afresh rather than grow without bound.</param>
internal sealed class PreparedStatements(int maxKept = int.MaxValue)
{
    private readonly Dictionary<string, SqliteStatement> _statements = new(StringComparer.Ordinal);

    /// <summary>The statement for <paramref name="sql"/> on <paramref name="connection"/>, prepared the first time; do not dispose it.</summary>
    public SqliteStatement For(SqliteConnection connection, string sql)
    {
        if (_statements.TryGetValue(sql, out var known))
            return known;
        if (_statements.Count >= maxKept)
            Clear();
        var prepared = SqliteStatement.Prepare(connection, sql);
        _statements[sql] = prepared;
        return prepared;
    }

    public void Clear()
    {
        foreach (var statement in _statements.Values)
            statement.Dispose();
        _statements.Clear();
    }
}
