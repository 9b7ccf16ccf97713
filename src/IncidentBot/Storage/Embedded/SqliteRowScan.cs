using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace IncidentBot.Storage.Embedded;

/// <summary>
/// One statement on an open connection, stepped row by row with its columns read straight from e_sqlite3: for the
/// scans that read a value of every column of 100,000 rows (a year of trends).
/// </summary>
/// <remarks>
/// Through <see cref="SqliteDataReader"/> (and SQLitePCL's <c>raw</c>) every column read marshals the statement's
/// SafeHandle and makes a full native transition, about 150 ns a value: 170 ms of a year's 240 ms scan by source went
/// to reading the values, 15 ms once they were read here. The statement runs in the connection's current transaction.
/// </remarks>
internal sealed class SqliteRowScan : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _statement;
    private readonly IntPtr _handle;

    public SqliteRowScan(SqliteConnection connection, string sql)
    {
        _connection = connection;
        Check(raw.sqlite3_prepare_v2(connection.Handle, sql, out _statement));
        _handle = _statement.DangerousGetHandle();
    }

    /// <summary>Sets the parameter; a name the statement does not use is ignored, as <see cref="SqliteCommand"/> ignores it.</summary>
    public void Bind(string name, string value)
    {
        if (Index(name) is > 0 and var index)
            Check(raw.sqlite3_bind_text(_statement, index, value));
    }

    /// <inheritdoc cref="Bind(string, string)"/>
    public void Bind(string name, long value)
    {
        if (Index(name) is > 0 and var index)
            Check(raw.sqlite3_bind_int64(_statement, index, value));
    }

    /// <summary>The next row; false after the last.</summary>
    public bool Step()
    {
        var code = raw.sqlite3_step(_statement);
        if (code == raw.SQLITE_ROW)
            return true;
        if (code == raw.SQLITE_DONE)
            return false;
        Check(code);
        return false;
    }

    public bool IsNull(int column) => Native.sqlite3_column_type(_handle, column) == raw.SQLITE_NULL;

    public long Int64(int column) => Native.sqlite3_column_int64(_handle, column);

    /// <summary>As <see cref="SqliteDataReader.GetInt32"/> reads it: the stored integer, which must fit.</summary>
    public int Int32(int column) => checked((int)Int64(column));

    public long? NullableInt64(int column) => IsNull(column) ? null : Int64(column);

    /// <summary>The value as text (UTF-8 from SQLite), or null for NULL.</summary>
    public string? Text(int column)
    {
        if (IsNull(column))
            return null;
        // sqlite3_column_text before sqlite3_column_bytes, as SQLite asks: the length is then that of the UTF-8 text.
        var text = Native.sqlite3_column_text(_handle, column);
        return text == IntPtr.Zero ? "" : Marshal.PtrToStringUTF8(text, Native.sqlite3_column_bytes(_handle, column));
    }

    public void Dispose() => _statement.Dispose();

    private int Index(string name) => raw.sqlite3_bind_parameter_index(_statement, name);

    private void Check(int code)
    {
        if (code != raw.SQLITE_OK)
            SqliteException.ThrowExceptionForRC(code, _connection.Handle);
    }

    /// <summary>
    /// The column accessors of the e_sqlite3 library SQLitePCL loaded (the same name, so the same file). They only read
    /// the current row's memory, so they may skip the GC transition; stepping, which may wait on I/O or a lock, does not.
    /// </summary>
    private static class Native
    {
        private const string Library = "e_sqlite3";

        [DllImport(Library), SuppressGCTransition]
        public static extern int sqlite3_column_type(IntPtr statement, int column);

        [DllImport(Library), SuppressGCTransition]
        public static extern long sqlite3_column_int64(IntPtr statement, int column);

        [DllImport(Library), SuppressGCTransition]
        public static extern IntPtr sqlite3_column_text(IntPtr statement, int column);

        [DllImport(Library), SuppressGCTransition]
        public static extern int sqlite3_column_bytes(IntPtr statement, int column);
    }
}
