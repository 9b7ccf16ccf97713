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

    /// <summary>
    /// Turns the connection's triggers on or off (<c>SQLITE_DBCONFIG_ENABLE_TRIGGER</c>). SQLite prepares its statements
    /// again after a change, so a statement runs with the setting of the moment.
    /// </summary>
    public static void SetTriggers(SqliteConnection connection, bool enabled)
    {
        var handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = SQLitePCL.raw.sqlite3_db_config(handle, SQLitePCL.raw.SQLITE_DBCONFIG_ENABLE_TRIGGER, enabled ? 1 : 0, out var now);
        SqliteException.ThrowExceptionForRC(rc, handle);
        if (now != (enabled ? 1 : 0))
            throw new InvalidOperationException($"SQLite kept its triggers {(now == 1 ? "on" : "off")}.");
    }

    /// <summary>The writer's triggers on until disposed (a write of many rows of any type at once: the purge).</summary>
    public IDisposable WithTriggers()
    {
        var connection = _connection ?? throw new InvalidOperationException("Open the writer first.");
        SetTriggers(connection, enabled: true);
        return new TriggersOff(connection);
    }

    private sealed class TriggersOff(SqliteConnection connection) : IDisposable
    {
        public void Dispose() => SetTriggers(connection, enabled: false);
    }

    /// <summary>Closes the connection after a failure; the next write opens a fresh one.</summary>
    public void Reset()
    {
        foreach (var command in _commands.Values)
            command.Dispose();
        _commands.Clear();
        _statements.Clear();
        if (_connection is { } connection)
        {
            RollBackOpenTransaction(connection);
            // Back to the pool as any other connection is: the store's other connections may be handed this handle.
            RestoreTriggers(connection);
        }
        _connection?.Dispose();
        _connection = null;
    }

    private static void RestoreTriggers(SqliteConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open)
            return;
        try
        {
            SetTriggers(connection, enabled: true);
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
            // A handle SQLite will not configure is not one to keep: clear the pool of it.
            SqliteConnection.ClearPool(connection);
        }
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
