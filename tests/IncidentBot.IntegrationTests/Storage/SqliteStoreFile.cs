using IncidentBot.Storage.Embedded;
using Microsoft.Extensions.Logging.Abstractions;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>A database file in a temporary directory of its own, shared by one test class and deleted after it.</summary>
public sealed class SqliteStoreFile : IDisposable
{
    public SqliteStoreFile()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "incidentbot-tests", Guid.NewGuid().ToString("N"));
        Path = System.IO.Path.Combine(Directory, "store.db");
    }

    public string Directory { get; }

    public string Path { get; }

    internal SqliteDocumentStore Open(TimeProvider clock) => new(Path, clock, NullLogger<SqliteDocumentStore>.Instance);

    internal SqliteDocumentStore Open(TimeProvider clock, TimeSpan busyTimeout) =>
        new(Path, clock, NullLogger<SqliteDocumentStore>.Instance, busyTimeout);

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
            System.IO.Directory.Delete(Directory, recursive: true);
    }
}
