using System.Globalization;
using IncidentBot.IntegrationTests.Builders;
using IncidentBot.Storage.Embedded;
using Microsoft.Data.Sqlite;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>
/// The writer's connection keeps SQLite's temporary data in memory (issue 12): the sub-journal of a group's savepoints
/// spilled to a file created and unlinked in /var/tmp about once every four declares. Readers keep the default, so a
/// large sort still spills to disk rather than to the heap. That a savepoint rolled back in a group undoes only its own
/// commit, with the journal now in memory, is <see cref="SqliteGroupCommitTests"/>'s first test.
/// </summary>
public sealed class SqliteWriterTempStoreTests(SqliteStoreFile file) : SqliteFileTest, IClassFixture<SqliteStoreFile>
{
    private const long Default = 0;
    private const long Memory = 2;

    [Fact]
    public async Task The_writer_keeps_temporary_data_in_memory_and_a_reader_keeps_the_default()
    {
        using var store = file.Open(Clock);
        await store.CreateAsync(new SampleDocumentBuilder(Workspace).Build(), Cancellation);

        Assert.Equal(Memory, await store.WriterSettingAsync("temp_store", Cancellation));
        await using var reader = new SqliteConnection($"Data Source={file.Path}");
        await reader.OpenAsync(Cancellation);
        await SqliteSchema.ConfigureConnectionAsync(reader, TimeSpan.FromSeconds(5), Cancellation);
        await using var command = reader.CreateCommand();
        command.CommandText = "PRAGMA temp_store;";
        Assert.Equal(Default, Convert.ToInt64(await command.ExecuteScalarAsync(Cancellation), CultureInfo.InvariantCulture));
    }
}
