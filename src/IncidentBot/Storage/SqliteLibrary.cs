namespace IncidentBot.Storage;

/// <summary>
/// Process-wide SQLite settings, applied once before the first connection of the process opens.
/// SQLite counts every allocation for <c>sqlite3_memory_used</c> under one process-wide lock, which the store's writer
/// and its readers then take thousands of times a second each; nothing here reads those counts, and without them
/// 1,500–2,000 intake reports a second were answered sooner and with less CPU (PERFORMANCE.md, "SQLite's allocation
/// counts"). SQLite accepts the setting only before it initialises: if something in the process opened a connection
/// first, the counts stay on and everything still works.
/// </summary>
internal static class SqliteLibrary
{
    private static readonly Lazy<bool> Configured = new(Configure, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>True when SQLite's allocation counts are off in this process; false when SQLite had initialised before.</summary>
    public static bool IsMemoryStatisticsOff => Configured.Value;

    /// <summary>Call before opening a connection (the stores' static constructors do).</summary>
    public static void EnsureConfigured() => _ = Configured.Value;

    private static bool Configure()
    {
        SQLitePCL.Batteries_V2.Init();
        return SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MEMSTATUS, 0) == SQLitePCL.raw.SQLITE_OK;
    }
}
