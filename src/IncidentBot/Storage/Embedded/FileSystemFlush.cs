using System.Runtime.InteropServices;

namespace IncidentBot.Storage.Embedded;

/// <summary>
/// Writes the dirty pages of the file system that holds a folder to disk (Linux <c>syncfs</c>), so that the syncs SQLite
/// makes next find little left to write. On another system, or when the call fails, it does nothing and says so: those
/// syncs then write everything themselves, as they always did.
/// </summary>
/// <remarks>
/// The folder is opened, not the database or its log: closing any descriptor of a file drops every POSIX lock this
/// process holds on it, SQLite's among them. A folder's descriptor shares no locks with the files in it.
/// </remarks>
internal static class FileSystemFlush
{
    private const int ReadOnly = 0;
    private const int CloseOnExec = 0x80000; // O_CLOEXEC, the same on x86-64 and arm64

    public static bool TryFlush(string folder)
    {
        if (!OperatingSystem.IsLinux())
            return false;
        try
        {
            var descriptor = open(folder, ReadOnly | CloseOnExec);
            if (descriptor < 0)
                return false;
            try
            {
                return syncfs(descriptor) == 0;
            }
            finally
            {
                _ = close(descriptor);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int open(string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int syncfs(int descriptor);

    [DllImport("libc")]
    private static extern int close(int descriptor);
}
