using IncidentBot.Dialogs.Storage;
using IncidentBot.IntegrationTests.Builders;
using IncidentBot.Storage.Embedded;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>
/// The embedded store's writer writes the log a transaction at a time (<see cref="LogWriteCoalescing"/>). What must hold:
/// every committed transaction is in the log file, whole and with valid checksums, when its commit returns — what a
/// kill -9 or a power cut leaves is a copy of the files at that moment — and other connections read it at once. The
/// count of writes is process-wide, so these tests run alone (<see cref="LogWriteCounts"/>).
/// </summary>
[Collection(LogWriteCounts.Name)]
public sealed class LogWriteCoalescingTests(SqliteStoreFile file) : SqliteFileTest, IClassFixture<SqliteStoreFile>
{
    [Fact]
    public async Task A_transaction_reaches_the_log_in_a_few_writes_and_other_connections_read_it_at_once()
    {
        using var store = file.Open(Clock);
        Assert.True(store.CoalescesLogWrites);
        await store.CreateAsync(Sample("first", 10), Cancellation); // the log's header, written as it is

        var before = LogWriteCoalescing.Counts;
        await store.CommitAsync(Batch("many", count: 80, kib: 2), Cancellation);
        var (requested, made) = Since(before);

        // 80 documents of 2 KiB are over 40 pages: two writes a page asked for, a few writes of up to 124 KiB made.
        Assert.True(requested >= 80, $"SQLite asked for {requested} writes of the log");
        Assert.True(made * 10 <= requested, $"{made} writes made for {requested} asked");
        Assert.Equal(81, await CountOnPlatformVfsAsync(file.Path));
    }

    [Fact]
    public async Task What_a_kill_leaves_holds_every_committed_transaction_however_large()
    {
        var directory = Folder("killed");
        var path = Path.Combine(directory, "store.db");
        using var store = new SqliteDocumentStore(path, Clock, NullLogger<SqliteDocumentStore>.Instance);
        // Small ones, then one of 4 MiB: past the writer's page cache, so SQLite spills pages into the log before the
        // commit, writes some of them again and computes their checksums again, below the end of what it wrote.
        for (var i = 0; i < 5; i++)
            await store.CreateAsync(Sample($"small-{i}", 1), Cancellation);
        await store.CommitAsync(Batch("large", count: 100, kib: 40), Cancellation);

        // The store stays open and the large commit is the last: the copy is the files as the kernel holds them right after it.
        var copy = Folder("after-kill");
        File.Copy(path, Path.Combine(copy, "store.db"));
        File.Copy(path + "-wal", Path.Combine(copy, "store.db-wal"));

        // Opening the copy recovers it from the log, which keeps only frames whose checksums hold up to a commit frame.
        Assert.Equal(105, await CountOnPlatformVfsAsync(Path.Combine(copy, "store.db")));
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(copy, "store.db")};Pooling=False");
        await connection.OpenAsync(Cancellation);
        await AssertIntactAsync(connection);
    }

    [Fact]
    public async Task Pages_written_again_inside_a_transaction_and_their_checksums_are_in_the_log_when_it_commits()
    {
        var directory = Folder("spilled");
        var path = Path.Combine(directory, "raw.db");
        Assert.True(LogWriteCoalescing.EnsureRegistered());
        await using var connection = new SqliteConnection($"Data Source={LogWriteCoalescing.UriFor(path)};Pooling=False");
        await connection.OpenAsync(Cancellation);
        // A cache of 8 pages: the inserts spill pages into the log before the commit, the update changes them again, so
        // SQLite overwrites frames it wrote in this transaction and, at the commit, rewrites the checksums from there on.
        await ExecuteAsync(connection, """
            PRAGMA journal_mode = WAL; PRAGMA cache_size = 8; PRAGMA synchronous = NORMAL;
            CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL);
            BEGIN;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
            INSERT INTO t SELECT i, printf('%.500c', 'a') FROM n;
            UPDATE t SET v = printf('%.500c', 'b');
            COMMIT;
            """);

        var copy = Path.Combine(directory, "copy.db");
        File.Copy(path, copy);
        File.Copy(path + "-wal", copy + "-wal");
        await using var recovered = new SqliteConnection($"Data Source={copy};Pooling=False");
        await recovered.OpenAsync(Cancellation);
        await using var check = recovered.CreateCommand();
        check.CommandText = "SELECT COUNT(*), SUM(v = printf('%.500c', 'b')) FROM t;";
        await using (var reader = await check.ExecuteReaderAsync(Cancellation))
        {
            Assert.True(await reader.ReadAsync(Cancellation));
            Assert.Equal((2000L, 2000L), (reader.GetInt64(0), reader.GetInt64(1)));
        }
        await AssertIntactAsync(recovered);
    }

    [Fact]
    public async Task A_path_with_characters_a_uri_reserves_names_the_same_file()
    {
        var directory = Folder("a b?c#d%e");
        var path = Path.Combine(directory, "store 1?.db");
        using (var store = new SqliteDocumentStore(path, Clock, NullLogger<SqliteDocumentStore>.Instance))
        {
            Assert.True(store.CoalescesLogWrites);
            await store.CommitAsync(Batch("odd", count: 3, kib: 1), Cancellation);
            Assert.True(File.Exists(path + "-wal"), "the log beside the file, by its exact name");
        }

        // Read back by the plain path: a writer that had opened some other file would have left this one empty.
        Assert.Equal(3, await CountOnPlatformVfsAsync(path));
        Assert.All(Directory.GetFiles(directory), written => Assert.StartsWith("store 1?.db", Path.GetFileName(written), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Turned_off_the_writer_writes_the_log_through_the_platform_alone()
    {
        var directory = Folder("off");
        var path = Path.Combine(directory, "store.db");
        using var store = new SqliteDocumentStore(path, Clock, NullLogger<SqliteDocumentStore>.Instance, SqliteDocumentStore.DefaultBusyTimeout, coalesceLogWrites: false);
        Assert.False(store.CoalescesLogWrites);

        var before = LogWriteCoalescing.Counts;
        await store.CommitAsync(Batch("plain", count: 20, kib: 2), Cancellation);

        Assert.Equal((0, 0), Since(before));
        Assert.Equal(20, await CountOnPlatformVfsAsync(path));
    }

    private string Folder(string name)
    {
        var directory = Path.Combine(file.Directory, name);
        Directory.CreateDirectory(directory);
        return directory;
    }

    private async Task AssertIntactAsync(SqliteConnection connection)
    {
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check;";
        Assert.Equal("ok", await check.ExecuteScalarAsync(Cancellation));
    }

    private async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Cancellation);
    }

    private SampleDocument Sample(string id, int kib) =>
        new SampleDocumentBuilder(Workspace).WithId(id).WithText(new string('x', kib * 1024)).Build();

    private DocumentBatch Batch(string prefix, int count, int kib)
    {
        var batch = new DocumentBatch(Workspace);
        for (var i = 0; i < count; i++)
            batch.Create(Sample($"{prefix}-{i:D3}", kib));
        return batch;
    }

    private static (long Requested, long Made) Since((long Requested, long Made) before)
    {
        var now = LogWriteCoalescing.Counts;
        return (now.Requested - before.Requested, now.Made - before.Made);
    }

    /// <summary>The documents of the file, read by a connection of its own on SQLite's platform VFS (not the store's).</summary>
    private async Task<long> CountOnPlatformVfsAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM documents WHERE workspace_id = $workspace;";
        command.Parameters.AddWithValue("$workspace", Workspace);
        return (long)(await command.ExecuteScalarAsync(Cancellation))!;
    }
}

/// <summary>Tests that read <see cref="LogWriteCoalescing.Counts"/>, which every store of the process moves: run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LogWriteCounts
{
    public const string Name = "Log write counts";
}
