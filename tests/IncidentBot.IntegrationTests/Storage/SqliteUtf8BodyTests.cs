using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Storage;
using IncidentBot.IntegrationTests.Builders;
using Microsoft.Data.Sqlite;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>
/// Bodies go to SQLite as UTF-8 bytes and are read back as bytes (no string in between): the column must still hold
/// text — what json_extract, the member columns, the facts' triggers and the queries read — byte for byte the text a
/// string would have stored, for every write and for text outside ASCII (Devanagari, emoji).
/// </summary>
public sealed class SqliteUtf8BodyTests(SqliteStoreFile file) : SqliteFileTest, IClassFixture<SqliteStoreFile>
{
    private const string Nepali = "काठमाडौंमा #चुनौती फैलियो 🚨";
    private const string Bhojpuri = "ई चैलेंज बहुत तेजी से फइलत बा";

    [Fact]
    public async Task A_created_replaced_and_upserted_body_is_stored_as_valid_UTF_8_text_and_read_back_whole()
    {
        using var store = file.Open(Clock);
        var document = new SampleDocumentBuilder(Workspace).Named(Nepali).WithTags("नेपाली", "bho").Build();

        var etag = await store.CreateAsync(document, Cancellation);
        await AssertStoredAsync(document.Id, Nepali);
        Assert.Equal(document.Tags, (await store.ReadAsync<SampleDocument>(Workspace, document.Id, Cancellation))!.Value.Tags);

        await store.ReplaceAsync(document with { Name = Bhojpuri }, etag, Cancellation);
        await AssertStoredAsync(document.Id, Bhojpuri);

        await store.UpsertAsync(document with { Name = "plain ASCII" }, Cancellation);
        await AssertStoredAsync(document.Id, "plain ASCII");

        var query = new DocumentQuery(Workspace, SampleDocument.DocumentType).WhereEquals(SampleDocument.Paths.Name, "plain ASCII");
        Assert.Equal([document.Id], await store.QueryAsync<SampleDocument>(query, Cancellation).Select(d => d.Value.Id).ToListAsync(Cancellation));
    }

    [Fact]
    public async Task An_expiring_body_keeps_its_ttl_member_after_the_UTF_8_text()
    {
        using var store = file.Open(Clock);
        var receipt = new SampleReceipt { Id = "receipt-utf8", WorkspaceId = Workspace, Note = Nepali };

        await store.CreateAsync(receipt, Cancellation);

        var (type, isValid, body) = await RawAsync(receipt.Id);
        Assert.Equal("text", type);
        Assert.Equal(1L, isValid);
        var stored = JsonNode.Parse(body)!.AsObject();
        Assert.Equal(Nepali, (string?)stored["note"]);
        Assert.Equal(60, (int?)stored["ttl"]);
        Assert.Equal(Nepali, (await store.ReadAsync<SampleReceipt>(Workspace, receipt.Id, Cancellation))!.Value.Note);
    }

    private async Task AssertStoredAsync(string id, string name)
    {
        var (type, isValid, body) = await RawAsync(id);
        Assert.Equal("text", type);
        Assert.Equal(1L, isValid);
        Assert.Equal(name, (string?)JsonNode.Parse(body)!["name"]);
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT json_extract(body, '$.name') FROM documents WHERE workspace_id = $w AND id = $id";
        command.Parameters.AddWithValue("$w", Workspace);
        command.Parameters.AddWithValue("$id", id);
        Assert.Equal(name, (string?)await command.ExecuteScalarAsync(Cancellation));
    }

    private async Task<(string Type, long IsValid, string Body)> RawAsync(string id)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT typeof(body), json_valid(body), body FROM documents WHERE workspace_id = $w AND id = $id";
        command.Parameters.AddWithValue("$w", Workspace);
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        Assert.True(await reader.ReadAsync(Cancellation));
        return (reader.GetString(0), reader.GetInt64(1), reader.GetString(2));
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={file.Path};Mode=ReadOnly");
        await connection.OpenAsync(Cancellation);
        return connection;
    }
}
