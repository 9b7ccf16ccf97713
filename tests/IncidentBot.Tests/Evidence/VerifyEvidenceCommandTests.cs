using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Evidence;
using IncidentBot.Evidence;

namespace IncidentBot.Tests.Evidence;

/// <summary>`verify-evidence &lt;zip&gt;` run in process, on packages written to disk.</summary>
public sealed class VerifyEvidenceCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("verify-evidence-").FullName;

    [Fact]
    public async Task A_valid_package_exits_0_and_prints_the_verification()
    {
        var (path, head) = await ExportAsync(entries: 12);
        var output = new StringWriter();

        var exit = await VerifyEvidenceCommand.RunAsync(["verify-evidence", path], output, new StringWriter(), CancellationToken.None);

        Assert.Equal(0, exit);
        var json = JsonNode.Parse(output.ToString())!;
        Assert.True(json["valid"]!.GetValue<bool>());
        Assert.Equal(12, json["entries"]!.GetValue<int>());
        Assert.Equal(head, json["head"]!.GetValue<string>());
        Assert.Null(json["firstBadSeq"]);
        Assert.Empty(json["problems"]!.AsArray());
    }

    [Fact]
    public async Task A_tampered_package_exits_1_and_names_the_first_bad_seq()
    {
        var (path, _) = await ExportAsync(entries: 12);
        await TamperAsync(path, seq: 5);
        var output = new StringWriter();

        var exit = await VerifyEvidenceCommand.RunAsync(["verify-evidence", path], output, new StringWriter(), CancellationToken.None);

        Assert.Equal(1, exit);
        var json = JsonNode.Parse(output.ToString())!;
        Assert.False(json["valid"]!.GetValue<bool>());
        Assert.Equal(5, json["firstBadSeq"]!.GetValue<int>());
        Assert.Contains("seq 5: hash does not match the entry's content", json["problems"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    [Fact]
    public async Task A_file_that_cannot_be_opened_exits_1_with_the_reason_on_standard_error()
    {
        var error = new StringWriter();

        var exit = await VerifyEvidenceCommand.RunAsync(["verify-evidence", Path.Combine(_folder, "absent.zip")], new StringWriter(), error, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.StartsWith("verify-evidence: cannot open ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_arguments_exit_1_with_the_usage()
    {
        var error = new StringWriter();

        var exit = await VerifyEvidenceCommand.RunAsync(["verify-evidence"], new StringWriter(), error, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("usage: IncidentBot verify-evidence <evidence.zip>", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_entry_point_runs_the_command_instead_of_the_bot()
    {
        var (valid, _) = await ExportAsync(entries: 3);
        var (tampered, _) = await ExportAsync(entries: 3, name: "tampered.zip");
        await TamperAsync(tampered, seq: 2);
        var main = typeof(Program).Assembly.EntryPoint!;

        // The entry point blocks on its own task; run it off the test's synchronisation context.
        var validExit = await Task.Run(() => main.Invoke(null, [new[] { "verify-evidence", valid }]));
        var tamperedExit = await Task.Run(() => main.Invoke(null, [new[] { "verify-evidence", tampered }]));

        Assert.Equal(0, validExit);
        Assert.Equal(1, tamperedExit);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<(string Path, string Head)> ExportAsync(int entries, string name = "evidence.zip")
    {
        var ledger = new List<LedgerEntry>();
        var head = LedgerHead.Empty;
        var at = new DateTimeOffset(2026, 11, 25, 13, 21, 12, 345, TimeSpan.Zero);
        for (var i = 0; i < entries; i++)
        {
            var entry = LedgerChain.Next(head, at.AddMinutes(i), "slack:U1000", i == 0 ? "declared" : "note.added", JsonSerializer.SerializeToElement(new { text = $"step {i}" }));
            ledger.Add(entry);
            head = entry.Head;
        }
        var path = Path.Combine(_folder, name);
        await using (var file = File.Create(path))
        {
            var content = new EvidenceContent(JsonSerializer.SerializeToElement(new { number = 7, title = "Removal order" }), ledger.ToAsyncEnumerable());
            await EvidencePackage.WriteAsync(file, content, at.AddHours(1), CancellationToken.None);
        }
        return (path, head.Hash);
    }

    /// <summary>Rewrites one entry's text in the zip on disk, leaving its hash as it was.</summary>
    private static async Task TamperAsync(string path, int seq)
    {
        await using var file = File.Open(path, FileMode.Open, FileAccess.ReadWrite);
        using var zip = new System.IO.Compression.ZipArchive(file, System.IO.Compression.ZipArchiveMode.Update);
        var ledger = zip.GetEntry("ledger.jsonl")!;
        string text;
        using (var reader = new StreamReader(ledger.Open()))
            text = await reader.ReadToEndAsync();
        ledger.Delete();
        var lines = text.Split('\n');
        lines[seq - 1] = lines[seq - 1].Replace("\"step ", "\"stop ", StringComparison.Ordinal);
        await using var writer = new StreamWriter(zip.CreateEntry("ledger.jsonl").Open());
        await writer.WriteAsync(string.Join('\n', lines));
    }
}
