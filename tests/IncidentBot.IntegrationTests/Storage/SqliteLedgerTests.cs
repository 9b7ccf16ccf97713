using IncidentBot.Dialogs.Storage;
using Microsoft.Data.Sqlite;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>The ledger contract on the embedded file.</summary>
public sealed class SqliteLedgerTests(SqliteStoreFile file) : LedgerContract, IClassFixture<SqliteStoreFile>
{
    protected override IDocumentStore CreateStore() => file.Open(TimeProvider.System);

    protected override async Task AssertExpiresAsync(string workspace, string id, bool expires)
    {
        await using var connection = new SqliteConnection($"Data Source={file.Path};Mode=ReadOnly");
        await connection.OpenAsync(Cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT expires_at FROM documents WHERE workspace_id = $w AND id = $id";
        command.Parameters.AddWithValue("$w", workspace);
        command.Parameters.AddWithValue("$id", id);
        var value = await command.ExecuteScalarAsync(Cancellation);
        Assert.NotNull(value); // the row is there
        Assert.Equal(expires, value is not DBNull);
    }
}
