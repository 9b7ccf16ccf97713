using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace IncidentBot.Storage.Embedded;

/// <summary>
/// One of the store's hot statements (the writer's document writes, the point read), prepared once on its connection and run on SQLite's own handle: bind,
/// step, reset. Through <see cref="SqliteCommand"/> every run allocated a parameter object and a binder per value, a
/// data reader and a UTF-8 copy of each string, about a seventh of what a report allocated (PERFORMANCE.md,
/// seventeenth session). Strings are bound as UTF-16 and the body as the UTF-8 bytes it already is; SQLite copies
/// both. Used by one thread at a time: the writer under its gate, a point reader while it is rented.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly Dictionary<string, int> _indexes;
    private readonly bool _isQuery;

    private SqliteStatement(sqlite3 db, sqlite3_stmt statement, Dictionary<string, int> indexes)
    {
        _db = db;
        _statement = statement;
        _indexes = indexes;
        // sqlite3_changes keeps the count of the last write, so a query that finds nothing must not report it.
        _isQuery = raw.sqlite3_stmt_readonly(statement) != 0;
    }

    public static SqliteStatement Prepare(SqliteConnection connection, string sql)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The writer's connection is not open.");
        var rc = raw.sqlite3_prepare_v3(db, sql, raw.SQLITE_PREPARE_PERSISTENT, out var statement);
        SqliteException.ThrowExceptionForRC(rc, db);
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 1; i <= raw.sqlite3_bind_parameter_count(statement); i++)
            indexes[raw.sqlite3_bind_parameter_name(statement, i).utf8_to_string()] = i;
        return new SqliteStatement(db, statement, indexes);
    }

    // As with SqliteCommand, a value the statement does not name is not bound: a row binds all its values to each statement.
    public void Bind(string name, string? value)
    {
        if (IndexOf(name) is not (> 0 and var index))
            return;
        // An empty span would be bound from a null pointer, which SQLite takes as NULL: '' goes through the string overload.
        Check(value is null ? raw.sqlite3_bind_null(_statement, index)
            : value.Length == 0 ? raw.sqlite3_bind_text(_statement, index, "")
            : raw.sqlite3_bind_text16(_statement, index, value.AsSpan()));
    }

    /// <summary>Text already in UTF-8 (a document body): bound as text, with no conversion.</summary>
    public void BindUtf8(string name, ReadOnlySpan<byte> value)
    {
        if (IndexOf(name) is not (> 0 and var index))
            return;
        Check(value.IsEmpty ? raw.sqlite3_bind_text(_statement, index, "") : raw.sqlite3_bind_text(_statement, index, value));
    }

    public void Bind(string name, long value)
    {
        if (IndexOf(name) is > 0 and var index)
            Check(raw.sqlite3_bind_int64(_statement, index, value));
    }

    public void Bind(string name, long? value)
    {
        if (value is { } set)
            Bind(name, set);
        else if (IndexOf(name) is > 0 and var index)
            Check(raw.sqlite3_bind_null(_statement, index));
    }

    /// <summary>A member column's value as <see cref="DocumentColumns"/> reads it: text, integer, real or NULL.</summary>
    public void BindValue(string name, object? value)
    {
        switch (value)
        {
            case null:
                if (IndexOf(name) is > 0 and var index)
                    Check(raw.sqlite3_bind_null(_statement, index));
                break;
            case string text:
                Bind(name, text);
                break;
            case long whole:
                Bind(name, whole);
                break;
            case int small:
                Bind(name, small);
                break;
            case double real:
                if (IndexOf(name) is > 0 and var at)
                    Check(raw.sqlite3_bind_double(_statement, at, real));
                break;
            default:
                throw new ArgumentException($"A column value of type {value.GetType().Name} cannot be bound.", nameof(value));
        }
    }

    /// <summary>Runs the statement; the rows it changed (for a query: 1 if it returned a row, else 0).</summary>
    public int Execute()
    {
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc == raw.SQLITE_ROW)
                return 1;
            if (rc != raw.SQLITE_DONE)
                SqliteException.ThrowExceptionForRC(rc, _db);
            return _isQuery ? 0 : raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Steps a query to its next row; read the row's columns, then <see cref="Reset"/>.</summary>
    public bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
            return true;
        if (rc != raw.SQLITE_DONE)
            SqliteException.ThrowExceptionForRC(rc, _db);
        return false;
    }

    /// <summary>The current row's column as its stored bytes (UTF-8 for text), valid until the next step or reset.</summary>
    public ReadOnlySpan<byte> ColumnBytes(int column) => raw.sqlite3_column_blob(_statement, column);

    public string ColumnString(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string();

    /// <summary>Ends the run, so a reader's statement holds no snapshot while it waits for its next read.</summary>
    public void Reset() => raw.sqlite3_reset(_statement);

    public void Dispose() => _statement.Dispose();

    /// <summary>The parameter's index, or 0 when the statement does not name it.</summary>
    private int IndexOf(string name) => _indexes.GetValueOrDefault(name);

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
            SqliteException.ThrowExceptionForRC(rc, _db);
    }
}
