using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Evidence;

namespace IncidentBot.Dialogs.Tests.Evidence;

/// <summary>Export then verify, and every kind of tampering the issue names, found with the right firstBadSeq.</summary>
public sealed class EvidencePackageTests
{
    private static readonly DateTimeOffset ExportedAt = new(2026, 12, 1, 9, 0, 0, 250, TimeSpan.Zero);

    [Fact]
    public async Task A_written_package_verifies_as_valid()
    {
        var entries = LedgerBuilder.Build(100);
        var zip = await ExportAsync(entries);

        var result = await VerifyAsync(zip);

        Assert.True(result.Valid, string.Join('\n', result.Problems));
        Assert.Equal(100, result.Entries);
        Assert.Equal(entries[^1].Hash, result.Head);
        Assert.Null(result.FirstBadSeq);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public async Task The_package_holds_the_files_of_the_layout_and_a_manifest_of_their_digests()
    {
        var entries = LedgerBuilder.Build(30);
        var zip = await ExportAsync(entries);
        var files = ZipFiles.Read(zip);

        Assert.Equal(["incident.json", "ledger.jsonl", "reports/r-1/report.json", "reports/r-1/screenshot.png", "postmortem.md", "manifest.json"], files.Select(f => f.Name));
        var manifest = JsonNode.Parse(ZipFiles.File(zip, "manifest.json"))!;
        Assert.Equal(30, manifest["entries"]!.GetValue<int>());
        Assert.Equal(entries[^1].Hash, manifest["ledgerHead"]!.GetValue<string>());
        Assert.Equal("2026-12-01T09:00:00.250Z", manifest["exportedAt"]!.GetValue<string>());
        var listed = manifest["files"]!.AsArray().Select(f => (f!["name"]!.GetValue<string>(), f["sha256"]!.GetValue<string>()));
        Assert.Equal(files.SkipLast(1).Select(f => (f.Name, Convert.ToHexStringLower(SHA256.HashData(f.Bytes)))), listed);
    }

    [Fact]
    public async Task The_ledger_file_holds_one_canonical_entry_per_line()
    {
        var entries = LedgerBuilder.Build(25);

        var jsonLines = ZipFiles.File(await ExportAsync(entries), "ledger.jsonl");

        Assert.Equal(LedgerBuilder.Lines(entries), jsonLines);
        var lines = LedgerBuilder.LinesOf(jsonLines);
        Assert.All(lines, line =>
        {
            using var document = JsonDocument.Parse(line);
            Assert.Equal(line, CanonicalJson.Serialize(document.RootElement));
        });
    }

    [Fact]
    public async Task The_same_content_and_time_give_the_same_bytes()
    {
        var entries = LedgerBuilder.Build(50);

        Assert.Equal(await ExportAsync(entries), await ExportAsync(entries));
    }

    [Fact]
    public async Task One_changed_byte_in_the_ledger_is_found_at_its_entry()
    {
        var zip = await ExportAsync(LedgerBuilder.Build(100));
        var tampered = ZipFiles.Change(zip, "ledger.jsonl", jsonLines =>
        {
            var lines = LedgerBuilder.LinesOf(jsonLines);
            var at = Encoding.UTF8.GetString(lines[36]).IndexOf("\"data\":{", StringComparison.Ordinal) + 12;
            lines[36][at] ^= 0x01;
            return LedgerBuilder.Join(lines);
        });

        var result = await VerifyAsync(tampered);

        Assert.False(result.Valid);
        Assert.Equal(37, result.FirstBadSeq);
        Assert.Contains("seq 37: hash does not match the entry's content", result.Problems);
        Assert.Contains("\"ledger.jsonl\": its SHA-256 differs from the manifest's", result.Problems);
    }

    [Fact]
    public async Task Two_reordered_entries_are_found_at_the_first_of_them()
    {
        var zip = await ExportAsync(LedgerBuilder.Build(100));
        var tampered = ZipFiles.Change(zip, "ledger.jsonl", jsonLines =>
        {
            var lines = LedgerBuilder.LinesOf(jsonLines);
            (lines[60], lines[61]) = (lines[61], lines[60]);
            return LedgerBuilder.Join(lines);
        });

        var result = await VerifyAsync(tampered);

        Assert.False(result.Valid);
        Assert.Equal(61, result.FirstBadSeq);
        Assert.Equal(100, result.Entries);
    }

    [Fact]
    public async Task A_changed_attachment_is_found_by_its_digest()
    {
        var zip = await ExportAsync(LedgerBuilder.Build(20));
        var tampered = ZipFiles.Change(zip, "reports/r-1/screenshot.png", png =>
        {
            png[^1] ^= 0xFF;
            return png;
        });

        var result = await VerifyAsync(tampered);

        Assert.False(result.Valid);
        Assert.Null(result.FirstBadSeq); // the ledger itself is sound
        Assert.Equal(["\"reports/r-1/screenshot.png\": its SHA-256 differs from the manifest's"], result.Problems);
    }

    [Fact]
    public async Task A_dropped_last_entry_is_found_by_the_manifests_count_and_head()
    {
        var entries = LedgerBuilder.Build(100);
        var zip = await ExportAsync(entries);
        var tampered = ZipFiles.Change(zip, "ledger.jsonl", jsonLines => LedgerBuilder.Join(LedgerBuilder.LinesOf(jsonLines).SkipLast(1)));

        var result = await VerifyAsync(tampered);

        Assert.False(result.Valid);
        Assert.Equal(100, result.FirstBadSeq);
        Assert.Equal(99, result.Entries);
        Assert.Equal(entries[98].Hash, result.Head);
        Assert.Contains("manifest.json counts 100 ledger entries; ledger.jsonl holds 99", result.Problems);
    }

    [Fact]
    public async Task An_entry_added_after_the_export_is_found_at_its_seq()
    {
        var entries = LedgerBuilder.Build(10);
        var zip = await ExportAsync(entries);
        var extra = LedgerChain.Next(entries[^1].Head, ExportedAt, "slack:U1", "note.added", LedgerBuilder.Object(new { text = "after the fact" }));
        var tampered = ZipFiles.Change(zip, "ledger.jsonl", jsonLines => [.. jsonLines, .. LedgerBuilder.Lines([extra])]);

        var result = await VerifyAsync(tampered);

        Assert.False(result.Valid);
        Assert.Equal(11, result.FirstBadSeq);
    }

    [Fact]
    public async Task A_ledger_rehashed_from_its_last_entry_is_found_by_the_manifests_head()
    {
        var entries = LedgerBuilder.Build(40);
        var zip = await ExportAsync(entries);
        var changed = entries[^1] with { Actor = "slack:U9999" };
        entries[^1] = changed with { Hash = LedgerHash.Compute(changed) };
        var tampered = ZipFiles.Change(zip, "ledger.jsonl", _ => LedgerBuilder.Lines(entries));

        var result = await VerifyAsync(tampered);

        Assert.False(result.Valid);
        Assert.Equal(40, result.FirstBadSeq);
        Assert.Contains("manifest.json's ledgerHead is not the hash of the last ledger entry", result.Problems);
    }

    [Fact]
    public async Task A_manifest_with_a_changed_digest_is_found()
    {
        var zip = await ExportAsync(LedgerBuilder.Build(10));
        var tampered = ZipFiles.Change(zip, "manifest.json", json => Rewrite(json, m => m["files"]![0]!["sha256"] = new string('a', 64)));

        var result = await VerifyAsync(tampered);

        Assert.False(result.Valid);
        Assert.Null(result.FirstBadSeq);
        Assert.Equal(["\"incident.json\": its SHA-256 differs from the manifest's"], result.Problems);
    }

    [Fact]
    public async Task A_manifest_with_a_changed_head_is_found_at_the_last_entry()
    {
        var zip = await ExportAsync(LedgerBuilder.Build(10));
        var tampered = ZipFiles.Change(zip, "manifest.json", json => Rewrite(json, m => m["ledgerHead"] = new string('b', 64)));

        var result = await VerifyAsync(tampered);

        Assert.False(result.Valid);
        Assert.Equal(10, result.FirstBadSeq);
    }

    [Fact]
    public async Task A_manifest_with_a_changed_count_is_found()
    {
        var zip = await ExportAsync(LedgerBuilder.Build(10));
        var tampered = ZipFiles.Change(zip, "manifest.json", json => Rewrite(json, m => m["entries"] = 12));

        var result = await VerifyAsync(tampered);

        Assert.False(result.Valid);
        Assert.Equal(11, result.FirstBadSeq);
    }

    [Fact]
    public async Task A_manifest_rewritten_by_a_tool_is_found_though_it_says_the_same()
    {
        var zip = await ExportAsync(LedgerBuilder.Build(10));
        var tampered = ZipFiles.Change(zip, "manifest.json", json => Encoding.UTF8.GetBytes(JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true })));

        var result = await VerifyAsync(tampered);

        Assert.False(result.Valid);
        Assert.Equal(["manifest.json is not in the canonical form it was written in"], result.Problems);
    }

    [Fact]
    public async Task A_manifest_with_an_earlier_export_time_than_the_last_entry_is_found()
    {
        var zip = await ExportAsync(LedgerBuilder.Build(10));
        var tampered = ZipFiles.Change(zip, "manifest.json", json => Rewrite(json, m => m["exportedAt"] = "2026-11-25T13:21:12.345Z"));

        var result = await VerifyAsync(tampered);

        Assert.Equal(["manifest.json's exportedAt is earlier than the last ledger entry"], result.Problems);
    }

    [Fact]
    public async Task A_file_missing_from_the_archive_is_named()
    {
        var zip = await ExportAsync(LedgerBuilder.Build(10));
        var tampered = ZipFiles.Write(ZipFiles.Read(zip).Where(f => f.Name != "postmortem.md"));

        var result = await VerifyAsync(tampered);

        Assert.Equal(["\"postmortem.md\" is listed in the manifest but missing from the archive"], result.Problems);
    }

    [Fact]
    public async Task A_file_added_to_the_archive_is_named()
    {
        var zip = await ExportAsync(LedgerBuilder.Build(10));
        var tampered = ZipFiles.Write([.. ZipFiles.Read(zip), ("reports/r-2/planted.txt", "planted"u8.ToArray())]);

        var result = await VerifyAsync(tampered);

        Assert.Equal(["\"reports/r-2/planted.txt\" is in the archive but not in the manifest"], result.Problems);
    }

    [Fact]
    public async Task A_missing_ledger_is_found_from_its_first_entry()
    {
        var zip = await ExportAsync(LedgerBuilder.Build(10));
        var tampered = ZipFiles.Write(ZipFiles.Read(zip).Where(f => f.Name != "ledger.jsonl"));

        var result = await VerifyAsync(tampered);

        Assert.Equal(1, result.FirstBadSeq);
        Assert.Contains("ledger.jsonl is missing from the archive", result.Problems);
    }

    [Fact]
    public async Task A_package_without_reports_or_post_mortem_and_an_empty_ledger_verifies()
    {
        var output = new MemoryStream();
        var manifest = await EvidencePackage.WriteAsync(output, new EvidenceContent(Incident(), LedgerBuilder.Stream([])), ExportedAt, CancellationToken.None);

        output.Position = 0;
        var result = await EvidenceVerifier.VerifyAsync(output, CancellationToken.None);

        Assert.True(result.Valid, string.Join('\n', result.Problems));
        Assert.Equal(LedgerHash.Genesis, manifest.LedgerHead);
        Assert.Equal((0, LedgerHash.Genesis), (result.Entries, result.Head));
        Assert.Equal(["incident.json", "ledger.jsonl"], manifest.Files.Select(f => f.Name));
    }

    [Fact]
    public async Task Writes_to_a_stream_that_cannot_seek()
    {
        var output = new ForwardOnlyStream();

        await EvidencePackage.WriteAsync(output, Content(LedgerBuilder.Build(10)), ExportedAt, CancellationToken.None);

        Assert.True((await VerifyAsync(output.Written.ToArray())).Valid);
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("a/../../escape.txt")]
    [InlineData("a\\b.txt")]
    [InlineData("c:/windows.txt")]
    [InlineData("")]
    [InlineData("a//b")]
    public async Task Refuses_to_write_a_report_name_that_is_not_a_safe_relative_path(string name)
    {
        var content = new EvidenceContent(Incident(), LedgerBuilder.Stream([]))
        {
            Reports = Files((name, [1, 2, 3])),
        };

        await Assert.ThrowsAsync<ArgumentException>(() => EvidencePackage.WriteAsync(new MemoryStream(), content, ExportedAt, CancellationToken.None));
    }

    [Fact]
    public async Task The_verification_serialises_with_the_documented_names_and_a_null_firstBadSeq()
    {
        var result = await VerifyAsync(await ExportAsync(LedgerBuilder.Build(3)));

        var json = JsonSerializer.Serialize(result, EvidenceJsonContext.Default.EvidenceVerification);

        Assert.Equal($$"""{"valid":true,"entries":3,"head":"{{result.Head}}","firstBadSeq":null,"problems":[]}""", json);
    }

    internal static async Task<byte[]> ExportAsync(IReadOnlyList<LedgerEntry> entries)
    {
        var output = new MemoryStream();
        await EvidencePackage.WriteAsync(output, Content(entries), ExportedAt, CancellationToken.None);
        return output.ToArray();
    }

    internal static Task<EvidenceVerification> VerifyAsync(byte[] zip, EvidenceLimits? limits = null) =>
        EvidenceVerifier.VerifyAsync(new MemoryStream(zip), limits ?? EvidenceLimits.Default, CancellationToken.None);

    private static EvidenceContent Content(IReadOnlyList<LedgerEntry> entries) =>
        new(Incident(), LedgerBuilder.Stream(entries))
        {
            Reports = Files(
                ("r-1/report.json", Encoding.UTF8.GetBytes("""{"reporter":"trusted-partner","url":"https://example.test/v/1"}""")),
                ("r-1/screenshot.png", [0x89, .. "PNG"u8, 0x0D, 0x0A, 0x1A, 0x0A, .. Enumerable.Range(0, 3000).Select(i => (byte)(i * 31))])),
            PostMortem = "# INC-101 post-mortem\n\nOrder received 13:21 UTC, content down 13:58 UTC.\n",
        };

    private static JsonElement Incident() =>
        LedgerBuilder.Object(new { number = 101, title = "Trending challenge", severity = "sev1", markets = new[] { "IN", "NP" } });

    private static async IAsyncEnumerable<EvidenceFile> Files(params (string Name, byte[] Bytes)[] files)
    {
        foreach (var (name, bytes) in files)
        {
            await using var content = new MemoryStream(bytes);
            yield return new EvidenceFile(name, content);
        }
    }

    private static byte[] Rewrite(byte[] manifest, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(manifest)!;
        change(node);
        return CanonicalJson.Serialize(node);
    }

    /// <summary>A response body: written forwards only, no seeking, no length.</summary>
    private sealed class ForwardOnlyStream : Stream
    {
        public MemoryStream Written { get; } = new();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Writes are asynchronous, as on a response body.");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => Written.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Written.WriteAsync(buffer, offset, count, cancellationToken);
    }
}
