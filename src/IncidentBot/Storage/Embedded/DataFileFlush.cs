using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Embedded;

/// <summary>
/// Syncs the store's file through a connection's own handle of it (SQLite's <c>xSync</c>, as a checkpoint that copies the
/// whole log does), so that the sync inside SQLite's restart of the log, made while every write waits, finds little left
/// to write. When SQLite cannot give the handle, or the library is not the one expected, it does nothing and says so: the
/// restart's sync then writes everything.
/// </summary>
/// <remarks>
/// <para>
/// SQLite's handle, not a descriptor of our own: closing any descriptor of a file drops every POSIX lock this process holds
/// on it, SQLite's among them, so a descriptor opened here could only be closed safely once no connection of the process
/// had the file open.
/// </para>
/// <para>
/// The file alone is synced, not its file system: the <c>syncfs</c> used before also waited for every other file's
/// writes, the log's among them, 40–350 ms under load, and the restart after it copied and synced all that the writer
/// committed meanwhile (PERFORMANCE.md, "Twenty-ninth session").
/// </para>
/// </remarks>
internal static unsafe class DataFileFlush
{
    private const int SqliteOk = 0;
    private const int FilePointer = 7; // SQLITE_FCNTL_FILE_POINTER
    private const int SyncNormal = 0x02; // SQLITE_SYNC_NORMAL, what a checkpoint asks of the file with synchronous = NORMAL

    /// <summary>
    /// Syncs the main file of <paramref name="connection"/>, which must be open and not in use on another thread meanwhile.
    /// </summary>
    public static bool TryFlush(SqliteConnection connection)
    {
        if (connection.Handle is not { IsInvalid: false } handle)
            return false;
        SqliteFile* file = null;
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            fixed (byte* main = "main\0"u8)
            {
                if (Native.sqlite3_file_control(handle.DangerousGetHandle(), main, FilePointer, &file) != SqliteOk
                    || file is null || file->pMethods is null)
                    return false;
            }
            return file->pMethods->xSync(file, SyncNormal) == SqliteOk;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
        finally
        {
            if (added)
                handle.DangerousRelease();
        }
    }

    private static class Native
    {
        [DllImport("e_sqlite3")]
        public static extern int sqlite3_file_control(nint db, byte* name, int op, void* arg);
    }
}
