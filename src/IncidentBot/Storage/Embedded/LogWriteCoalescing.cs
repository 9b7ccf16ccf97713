using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace IncidentBot.Storage.Embedded;

/// <summary>
/// A SQLite VFS over the platform's own (<c>unix</c>) that writes the write-ahead log in a few writes of up to 124 KiB per
/// transaction instead of two per page: SQLite writes each log frame as a 24-byte header and then the page, and at 2,000 reports a
/// second those 45,000 <c>pwrite</c> calls a second were a tenth of the bot's CPU, mostly the cost of entering the kernel
/// (PERFORMANCE.md, "Twenty-eighth session"). Only the log of a connection opened through <see cref="VfsName"/> is
/// buffered; the database file and every other file are the platform VFS's own, untouched.
/// </summary>
/// <remarks>
/// What keeps it safe: a transaction's frames are written to the file before its commit returns, exactly as without it.
/// The buffer is written out inside SQLite's write of the commit frame's page (the frame whose header names the
/// database size), so a failure is SQLite's failure to write that frame and the transaction fails as it would have; the
/// log's index, which readers follow, is updated only after that write. The buffer is also written out before any other
/// use of the log file (a read, a sync, its size, a truncation, a lock, a file control, closing it) and before a write
/// that does not follow on from it, so SQLite never sees the file without its own writes. A process killed meanwhile
/// loses only frames of a transaction that had not committed, which SQLite ignores anyway.
/// </remarks>
internal static unsafe class LogWriteCoalescing
{
    /// <summary>The VFS's registered name: a connection opened with <c>?vfs=</c> this name (a URI file name) uses it.</summary>
    public const string VfsName = "incidentbot-log";

    /// <summary>
    /// At most this much is held before it is written: the platform VFS writes at most 128 KiB less one byte in one call
    /// (it masks larger sizes, and reports the rest as a full disk), so a group of commits (about 0.7 MiB at p50) is a few
    /// writes of up to 30 frames each instead of two for every frame.
    /// </summary>
    public const int BufferBytes = 124 * 1024;

    private const int SqliteOk = 0;
    private const int SqliteIoErrWrite = 10 | (3 << 8);
    private const int OpenWal = 0x00080000;
    private const int FrameHeaderBytes = 24;

    // Our header at the start of each log file's sqlite3_file; the platform VFS's own file follows it.
    private static readonly int HeaderBytes = (sizeof(LogFile) + 15) & ~15;

    private static readonly Lazy<bool> Registration = new(Register, LazyThreadSafetyMode.ExecutionAndPublication);
    private static Vfs* _base;
    private static SqliteIoMethods* _logMethods;
    private static long _writes;
    private static long _systemWrites;

    /// <summary>
    /// Registers the VFS once per process (not as the default). False where it cannot wrap the platform VFS: not Linux, or a
    /// platform VFS older than SQLite's version 3 interface; the store then opens its writer as before.
    /// </summary>
    public static bool EnsureRegistered() => Registration.Value;

    /// <summary>Writes of the log SQLite asked for, and the writes of the log file the VFS made for them, since the process started.</summary>
    public static (long Requested, long Made) Counts => (Interlocked.Read(ref _writes), Interlocked.Read(ref _systemWrites));

    /// <summary>
    /// The URI file name that opens the absolute <paramref name="path"/> through this VFS: its characters that a URI reserves
    /// escaped, after an empty authority (<c>file:///…</c>), so a path that begins with two slashes is not read as a host.
    /// </summary>
    public static string UriFor(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!path.StartsWith('/'))
            throw new ArgumentException("The path must be absolute.", nameof(path));
        var escaped = path.Replace("%", "%25", StringComparison.Ordinal).Replace("?", "%3f", StringComparison.Ordinal).Replace("#", "%23", StringComparison.Ordinal);
        return "file://" + escaped + "?vfs=" + VfsName;
    }

    private static bool Register()
    {
        if (!OperatingSystem.IsLinux())
            return false;
        var platform = Native.sqlite3_vfs_find(null);
        if (platform == null || platform->iVersion < 3 || platform->xOpen == null)
            return false;

        var methods = (SqliteIoMethods*)NativeMemory.AllocZeroed((nuint)sizeof(SqliteIoMethods));
        methods->iVersion = 3;
        methods->xClose = &Close;
        methods->xRead = &Read;
        methods->xWrite = &Write;
        methods->xTruncate = &Truncate;
        methods->xSync = &Sync;
        methods->xFileSize = &FileSize;
        methods->xLock = &Lock;
        methods->xUnlock = &Unlock;
        methods->xCheckReservedLock = &CheckReservedLock;
        methods->xFileControl = &FileControl;
        methods->xSectorSize = &SectorSize;
        methods->xDeviceCharacteristics = &DeviceCharacteristics;
        methods->xShmMap = &ShmMap;
        methods->xShmLock = &ShmLock;
        methods->xShmBarrier = &ShmBarrier;
        methods->xShmUnmap = &ShmUnmap;
        methods->xFetch = &Fetch;
        methods->xUnfetch = &Unfetch;

        // A copy of the platform VFS (its other methods and its data as they are), with our open and our larger file.
        var vfs = (Vfs*)NativeMemory.AllocZeroed((nuint)sizeof(Vfs));
        *vfs = *platform;
        vfs->pNext = null;
        vfs->zName = (byte*)Marshal.StringToCoTaskMemUTF8(VfsName);
        vfs->szOsFile = HeaderBytes + platform->szOsFile;
        vfs->xOpen = &Open;
        _base = platform;
        _logMethods = methods;
        if (Native.sqlite3_vfs_register(vfs, 0) != SqliteOk)
        {
            _base = null;
            return false;
        }
        return true;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Open(Vfs* vfs, byte* name, SqliteFile* file, int flags, int* outFlags)
    {
        var platform = _base;
        if ((flags & OpenWal) == 0)
            return platform->xOpen(platform, name, file, flags, outFlags);
        var log = (LogFile*)file;
        var inner = (SqliteFile*)((byte*)file + HeaderBytes);
        *log = default;
        inner->pMethods = null;
        var rc = platform->xOpen(platform, name, inner, flags, outFlags);
        log->Inner = inner;
        // SQLite closes a file whose methods are set even when its open failed: ours forward that close.
        log->pMethods = rc == SqliteOk || inner->pMethods != null ? _logMethods : null;
        if (rc != SqliteOk)
            return rc;
        if (inner->pMethods->iVersion < 3)
            return Refuse(log, 14); // SQLITE_CANTOPEN: the platform's files lack the methods this one forwards
        try
        {
            // One buffer per log file, for as long as it is open: only the store's writer opens its log through this VFS.
            log->Buffer = (byte*)NativeMemory.Alloc(BufferBytes);
        }
        catch (OutOfMemoryException)
        {
            return Refuse(log, 7); // SQLITE_NOMEM
        }
        return SqliteOk;
    }

    /// <summary>Closes a log file the platform opened and reports <paramref name="rc"/> as the open's failure.</summary>
    private static int Refuse(LogFile* log, int rc)
    {
        log->Inner->pMethods->xClose(log->Inner);
        log->pMethods = null;
        return rc;
    }

    /// <summary>One write of the log file itself, counted.</summary>
    private static int WriteThrough(LogFile* log, void* data, int amount, long offset)
    {
        Interlocked.Increment(ref _systemWrites);
        return log->Inner->pMethods->xWrite(log->Inner, data, amount, offset);
    }

    /// <summary>Writes out what is held; the held bytes are dropped either way (a failure fails SQLite's current write).</summary>
    private static int Flush(LogFile* log)
    {
        if (log->Length == 0)
            return SqliteOk;
        var length = log->Length;
        log->Length = 0;
        return WriteThrough(log, log->Buffer, length, log->Start);
    }

    /// <remarks>
    /// Only appends are held: frames written past the end of what this file has written. A write below that end (SQLite
    /// rewriting a page it wrote earlier in the same transaction, or the frame headers whose checksums it then computes
    /// again) and the log's header at offset 0 (the log starting over) go to the file at once, after what is held.
    /// </remarks>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Write(SqliteFile* file, void* data, int amount, long offset)
    {
        var log = (LogFile*)file;
        Interlocked.Increment(ref _writes);
        if (offset == 0)
            log->End = 0;
        if (offset < log->End || offset == 0 || amount > BufferBytes)
        {
            var held = Flush(log);
            log->CompletesCommit = 0;
            log->End = Math.Max(log->End, offset + amount);
            return held != SqliteOk ? held : WriteThrough(log, data, amount, offset);
        }
        // A frame header that names the database size is the commit frame's: its page, next, completes the transaction.
        var isCommitHeader = amount == FrameHeaderBytes && Unsafe.ReadUnaligned<uint>((byte*)data + 4) != 0;
        if (log->Length == 0 || offset != log->Start + log->Length || log->Length + amount > BufferBytes)
        {
            var flushed = Flush(log);
            if (flushed != SqliteOk)
                return flushed;
            log->Start = offset;
        }
        new ReadOnlySpan<byte>(data, amount).CopyTo(new Span<byte>(log->Buffer + log->Length, amount));
        log->Length += amount;
        log->End = offset + amount;
        if (log->CompletesCommit != 0)
        {
            log->CompletesCommit = 0;
            return Flush(log) == SqliteOk ? SqliteOk : SqliteIoErrWrite;
        }
        if (isCommitHeader)
            log->CompletesCommit = 1;
        return SqliteOk;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Close(SqliteFile* file)
    {
        var log = (LogFile*)file;
        var flushed = Flush(log);
        var rc = log->Inner->pMethods != null ? log->Inner->pMethods->xClose(log->Inner) : SqliteOk;
        if (log->Buffer != null)
            NativeMemory.Free(log->Buffer);
        log->Buffer = null;
        return flushed != SqliteOk ? flushed : rc;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Read(SqliteFile* file, void* data, int amount, long offset)
    {
        var log = (LogFile*)file;
        var flushed = Flush(log);
        return flushed != SqliteOk ? flushed : log->Inner->pMethods->xRead(log->Inner, data, amount, offset);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Truncate(SqliteFile* file, long size)
    {
        var log = (LogFile*)file;
        var flushed = Flush(log);
        log->End = Math.Min(log->End, size);
        return flushed != SqliteOk ? flushed : log->Inner->pMethods->xTruncate(log->Inner, size);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Sync(SqliteFile* file, int flags)
    {
        var log = (LogFile*)file;
        var flushed = Flush(log);
        return flushed != SqliteOk ? flushed : log->Inner->pMethods->xSync(log->Inner, flags);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int FileSize(SqliteFile* file, long* size)
    {
        var log = (LogFile*)file;
        var flushed = Flush(log);
        return flushed != SqliteOk ? flushed : log->Inner->pMethods->xFileSize(log->Inner, size);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Lock(SqliteFile* file, int level)
    {
        var log = (LogFile*)file;
        var flushed = Flush(log);
        return flushed != SqliteOk ? flushed : log->Inner->pMethods->xLock(log->Inner, level);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Unlock(SqliteFile* file, int level)
    {
        var log = (LogFile*)file;
        var flushed = Flush(log);
        return flushed != SqliteOk ? flushed : log->Inner->pMethods->xUnlock(log->Inner, level);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int CheckReservedLock(SqliteFile* file, int* reserved)
    {
        var log = (LogFile*)file;
        var flushed = Flush(log);
        return flushed != SqliteOk ? flushed : log->Inner->pMethods->xCheckReservedLock(log->Inner, reserved);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int FileControl(SqliteFile* file, int op, void* argument)
    {
        var log = (LogFile*)file;
        var flushed = Flush(log);
        return flushed != SqliteOk ? flushed : log->Inner->pMethods->xFileControl(log->Inner, op, argument);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int SectorSize(SqliteFile* file)
    {
        var log = (LogFile*)file;
        return log->Inner->pMethods->xSectorSize(log->Inner);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int DeviceCharacteristics(SqliteFile* file)
    {
        var log = (LogFile*)file;
        return log->Inner->pMethods->xDeviceCharacteristics(log->Inner);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int ShmMap(SqliteFile* file, int region, int size, int extend, void** mapped)
    {
        var log = (LogFile*)file;
        return log->Inner->pMethods->xShmMap(log->Inner, region, size, extend, mapped);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int ShmLock(SqliteFile* file, int offset, int count, int flags)
    {
        var log = (LogFile*)file;
        return log->Inner->pMethods->xShmLock(log->Inner, offset, count, flags);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void ShmBarrier(SqliteFile* file)
    {
        var log = (LogFile*)file;
        log->Inner->pMethods->xShmBarrier(log->Inner);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int ShmUnmap(SqliteFile* file, int delete)
    {
        var log = (LogFile*)file;
        return log->Inner->pMethods->xShmUnmap(log->Inner, delete);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Fetch(SqliteFile* file, long offset, int amount, void** page)
    {
        var log = (LogFile*)file;
        var flushed = Flush(log);
        return flushed != SqliteOk ? flushed : log->Inner->pMethods->xFetch(log->Inner, offset, amount, page);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Unfetch(SqliteFile* file, long offset, void* page)
    {
        var log = (LogFile*)file;
        return log->Inner->pMethods->xUnfetch(log->Inner, offset, page);
    }

    /// <summary>A log file of this VFS: the methods, the platform's file, and the bytes held for it.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct LogFile
    {
        public SqliteIoMethods* pMethods;
        public SqliteFile* Inner;
        public byte* Buffer;
        public long Start;
        public long End;
        public int Length;
        public int CompletesCommit;
    }

    /// <summary>sqlite3_vfs, version 3: copied whole from the platform's, so only the open and the file size are ours.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Vfs
    {
        public int iVersion;
        public int szOsFile;
        public int mxPathname;
        public Vfs* pNext;
        public byte* zName;
        public void* pAppData;
        public delegate* unmanaged[Cdecl]<Vfs*, byte*, SqliteFile*, int, int*, int> xOpen;
        public nint xDelete;
        public nint xAccess;
        public nint xFullPathname;
        public nint xDlOpen;
        public nint xDlError;
        public nint xDlSym;
        public nint xDlClose;
        public nint xRandomness;
        public nint xSleep;
        public nint xCurrentTime;
        public nint xGetLastError;
        public nint xCurrentTimeInt64;
        public nint xSetSystemCall;
        public nint xGetSystemCall;
        public nint xNextSystemCall;
    }

    /// <summary>The e_sqlite3 library SQLitePCL loaded (the same name, so the same file).</summary>
    private static class Native
    {
        private const string Library = "e_sqlite3";

        [DllImport(Library)]
        public static extern Vfs* sqlite3_vfs_find(byte* name);

        [DllImport(Library)]
        public static extern int sqlite3_vfs_register(Vfs* vfs, int makeDefault);
    }
}
