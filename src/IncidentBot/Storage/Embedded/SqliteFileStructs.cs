using System.Runtime.InteropServices;

namespace IncidentBot.Storage.Embedded;

/// <summary>sqlite3_file: every file struct begins with its methods.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SqliteFile
{
    public SqliteIoMethods* pMethods;
}

/// <summary>sqlite3_io_methods, version 3.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SqliteIoMethods
{
    public int iVersion;
    public delegate* unmanaged[Cdecl]<SqliteFile*, int> xClose;
    public delegate* unmanaged[Cdecl]<SqliteFile*, void*, int, long, int> xRead;
    public delegate* unmanaged[Cdecl]<SqliteFile*, void*, int, long, int> xWrite;
    public delegate* unmanaged[Cdecl]<SqliteFile*, long, int> xTruncate;
    public delegate* unmanaged[Cdecl]<SqliteFile*, int, int> xSync;
    public delegate* unmanaged[Cdecl]<SqliteFile*, long*, int> xFileSize;
    public delegate* unmanaged[Cdecl]<SqliteFile*, int, int> xLock;
    public delegate* unmanaged[Cdecl]<SqliteFile*, int, int> xUnlock;
    public delegate* unmanaged[Cdecl]<SqliteFile*, int*, int> xCheckReservedLock;
    public delegate* unmanaged[Cdecl]<SqliteFile*, int, void*, int> xFileControl;
    public delegate* unmanaged[Cdecl]<SqliteFile*, int> xSectorSize;
    public delegate* unmanaged[Cdecl]<SqliteFile*, int> xDeviceCharacteristics;
    public delegate* unmanaged[Cdecl]<SqliteFile*, int, int, int, void**, int> xShmMap;
    public delegate* unmanaged[Cdecl]<SqliteFile*, int, int, int, int> xShmLock;
    public delegate* unmanaged[Cdecl]<SqliteFile*, void> xShmBarrier;
    public delegate* unmanaged[Cdecl]<SqliteFile*, int, int> xShmUnmap;
    public delegate* unmanaged[Cdecl]<SqliteFile*, long, int, void**, int> xFetch;
    public delegate* unmanaged[Cdecl]<SqliteFile*, long, void*, int> xUnfetch;
}
