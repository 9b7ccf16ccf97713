using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Embedded;

/// <summary>
/// The store's one writing connection, used only under the write gate: it stays open and keeps
/// each statement prepared, so a write is just binding and stepping (opening a pooled connection,
/// configuring it and preparing the SQL again cost more than the write itself under load).
/// After any failure it is closed and reopened by the next write.
/// </summary>
internal sealed class SqliteWriter(Func<CancellationToken, Task<SqliteConnection>> open) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly PreparedStatements _statements = new();
    private SqliteConnection? _connection;

    public async Task OpenAsync(CancellationToken cancellationToken) => _connection ??= await open(cancellationToken);

    /// <summary>The prepared command for <paramref name="sql"/>, its parameters cleared; do not dispose it.</summary>
    public SqliteCommand Command(string sql)
    {
        var connection = _connection ?? throw new InvalidOperationException("Open the writer first.");
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }
        command.Parameters.Clear();
        return command;
    }

    /// <summary>The statement for <paramref name="sql"/>, prepared on SQLite's handle the first time (see <see cref="SqliteStatement"/>); do not dispose it.</summary>
    public SqliteStatement Statement(string sql)
    {
        var connection = _connection ?? throw new InvalidOperationException("Open the writer first.");
        return _statements.For(connection, sql);
    }

    /// <summary>Closes the connection after a failure; the next write opens a fresh one.</summary>
    public void Reset()
    {
        foreach (var command in _commands.Values)
            command.Dispose();
        _commands.Clear();
        _statements.Clear();
        if (_connection is { } connection)
            RollBackOpenTransaction(connection);
        _connection?.Dispose();
        _connection = null;
    }

    /// <summary>
    /// A transaction begun by a statement (BEGIN, not <see cref="SqliteConnection.BeginTransaction()"/>) survives closing:
    /// the pool keeps the connection with its write lock, and every other writer waits out its busy timeout.
    /// </summary>
    private static void RollBackOpenTransaction(SqliteConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open || SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) != 0)
            return;
        try
        {
            using var rollback = connection.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // SQLite rolled it back itself (some errors do); the connection is closed next anyway.
        }
    }

    public void Dispose() => Reset();
}
