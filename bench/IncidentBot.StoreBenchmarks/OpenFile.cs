using System.Diagnostics;
using System.Globalization;
using IncidentBot.Storage.Embedded;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace IncidentBot.StoreBenchmarks;

/// <summary>
/// Opens an embedded store file as the bot does at start-up and says how long that took: for a file of an older schema,
/// the upgrade in its one transaction (PERFORMANCE.md, cols14). <c>open-file &lt;path&gt;</c>; a missing file is created empty.
/// </summary>
internal static class OpenFile
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not [var path])
        {
            Console.Error.WriteLine("open-file <path of the .db file>");
            return 2;
        }
        var before = File.Exists(path) ? await UserVersionAsync(path) : 0;
        var started = Stopwatch.GetTimestamp();
        using (var store = new SqliteDocumentStore(path, TimeProvider.System, NullLogger<SqliteDocumentStore>.Instance))
            await store.InitializeAsync(CancellationToken.None);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var after = await UserVersionAsync(path);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"opened {path}: schema {before} -> {after} in {elapsed.TotalSeconds:0.00} s"));
        return 0;
    }

    private static async Task<long> UserVersionAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
