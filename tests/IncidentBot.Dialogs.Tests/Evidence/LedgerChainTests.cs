using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Evidence;

namespace IncidentBot.Dialogs.Tests.Evidence;

public sealed class LedgerChainTests
{
    [Fact]
    public void The_first_entry_has_seq_1_and_a_prevHash_of_64_zeros()
    {
        var first = LedgerChain.Next(LedgerHead.Empty, LedgerBuilder.Start, "system", "declared", LedgerBuilder.Object(new { }));

        Assert.Equal(1, first.Seq);
        Assert.Equal(new string('0', 64), first.PrevHash);
        Assert.True(LedgerHash.IsWellFormed(first.Hash));
    }

    [Fact]
    public void Each_entry_follows_the_head_it_was_made_from()
    {
        var first = LedgerChain.Next(LedgerHead.Empty, LedgerBuilder.Start, "system", "declared", LedgerBuilder.Object(new { }));
        var second = LedgerChain.Next(first.Head, LedgerBuilder.Start, "slack:U1", "note.added", LedgerBuilder.Object(new { text = "x" }));

        Assert.Equal(2, second.Seq);
        Assert.Equal(first.Hash, second.PrevHash);
        Assert.NotEqual(first.Hash, second.Hash);
    }

    [Fact]
    public void A_known_entry_has_the_hash_node_computes_for_it()
    {
        // Expected values from node: JSON.stringify with keys sorted (JCS for these values) and crypto's sha256.
        const string expectedLine = """{"actor":"slack:U0123ABCD","at":"2026-11-25T13:21:12.345Z","data":{"count":1e+21,"markets":["IN","NP"],"note":null,"ratio":1.5e-7,"restricted":false,"severity":"sev1","title":"Trending challenge – “blackout” (नेपाल)"},"kind":"declared","prevHash":"0000000000000000000000000000000000000000000000000000000000000000","seq":1}""";
        using var data = JsonDocument.Parse("""{ "title": "Trending challenge – “blackout” (नेपाल)", "severity": "sev1", "markets": ["IN", "NP"], "ratio": 1.5e-7, "count": 1e21, "restricted": false, "note": null }""");

        var entry = LedgerChain.Next(LedgerHead.Empty, LedgerBuilder.Start, "slack:U0123ABCD", "declared", data.RootElement);

        Assert.Equal("3c7db74e94aa9220fb694c00158a0b497132fa09dbe321a9753dc4616acfa889", entry.Hash);
        var withoutHash = JsonNode.Parse(LedgerLine.ToCanonicalBytes(entry))!.AsObject();
        withoutHash.Remove("hash");
        Assert.Equal(expectedLine, Encoding.UTF8.GetString(CanonicalJson.Serialize(withoutHash)));
    }

    [Fact]
    public void A_hash_is_sha256_of_prevHash_a_newline_and_the_canonical_entry_without_its_hash()
    {
        Assert.All(LedgerBuilder.Build(60), entry =>
        {
            // The entry through the general serialiser and canonicalizer, not the ledger's own writer.
            var node = JsonSerializer.SerializeToNode(entry, EvidenceJsonContext.Default.LedgerEntry)!.AsObject();
            node.Remove("hash");
            var hashed = Encoding.UTF8.GetBytes(entry.PrevHash + "\n").Concat(CanonicalJson.Serialize(node)).ToArray();

            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(hashed)), entry.Hash);
            Assert.Equal(entry.Hash, LedgerHash.Compute(entry));
        });
    }

    [Fact]
    public void Keeps_the_time_as_utc_whole_milliseconds_written_with_three_digits()
    {
        var at = new DateTimeOffset(2026, 3, 1, 5, 30, 0, 120, TimeSpan.FromHours(5.75)).AddTicks(9999);

        var entry = LedgerChain.Next(LedgerHead.Empty, at, "system", "declared", LedgerBuilder.Object(new { }));

        Assert.Equal(new DateTimeOffset(2026, 2, 28, 23, 45, 0, 120, TimeSpan.Zero), entry.At);
        Assert.Equal(TimeSpan.Zero, entry.At.Offset);
        Assert.Contains("\"at\":\"2026-02-28T23:45:00.120Z\"", Encoding.UTF8.GetString(LedgerLine.ToCanonicalBytes(entry)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_reads_back_as_the_entry_it_was_written_from()
    {
        var entry = LedgerBuilder.Build(3)[2];

        var read = LedgerLine.Parse(LedgerLine.ToCanonicalBytes(entry));

        Assert.Equal((entry.Seq, entry.At, entry.Actor, entry.Kind, entry.PrevHash, entry.Hash), (read.Seq, read.At, read.Actor, read.Kind, read.PrevHash, read.Hash));
        Assert.Equal(CanonicalJson.Serialize(entry.Data), CanonicalJson.Serialize(read.Data));
    }

    [Fact]
    public void The_serialiser_writes_an_entry_with_the_ledger_member_names_and_time_format()
    {
        var entry = LedgerBuilder.Build(1)[0];

        var json = JsonSerializer.Serialize(entry, EvidenceJsonContext.Default.LedgerEntry);
        var read = JsonSerializer.Deserialize(json, EvidenceJsonContext.Default.LedgerEntry)!;

        Assert.Equal(["actor", "at", "data", "hash", "kind", "prevHash", "seq"], JsonNode.Parse(json)!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Contains("\"at\":\"2026-11-25T13:21:12.345Z\"", json, StringComparison.Ordinal);
        Assert.Equal(entry.Hash, LedgerHash.Compute(read));
    }

    [Fact]
    public void Refuses_data_that_is_not_a_json_object()
    {
        Assert.Throws<ArgumentException>(() => LedgerChain.Next(LedgerHead.Empty, LedgerBuilder.Start, "system", "declared", LedgerBuilder.Object(new[] { 1 })));
    }

    [Fact]
    public void Refuses_data_without_a_canonical_form()
    {
        using var data = JsonDocument.Parse("""{"a":1,"a":2}""");

        Assert.Throws<ArgumentException>(() => LedgerChain.Next(LedgerHead.Empty, LedgerBuilder.Start, "system", "declared", data.RootElement));
    }

    [Fact]
    public void Refuses_a_head_whose_hash_is_not_a_hash()
    {
        Assert.Throws<ArgumentException>(() => LedgerChain.Next(new LedgerHead(3, "ABC"), LedgerBuilder.Start, "system", "declared", LedgerBuilder.Object(new { })));
    }

    [Fact]
    public void An_entry_keeps_its_data_after_the_callers_document_is_disposed()
    {
        LedgerEntry entry;
        using (var data = JsonDocument.Parse("""{"text":"kept"}"""))
            entry = LedgerChain.Next(LedgerHead.Empty, LedgerBuilder.Start, "system", "note.added", data.RootElement);

        Assert.Equal("kept", entry.Data.GetProperty("text").GetString());
        Assert.Equal(entry.Hash, LedgerHash.Compute(entry));
    }

    [Fact]
    public async Task A_chain_of_five_thousand_entries_checks_as_valid_from_records_lines_and_a_stream()
    {
        var entries = LedgerBuilder.Build(5000);

        var fromRecords = LedgerChecker.Check(entries);
        var fromLines = await LedgerChecker.CheckLinesAsync(new MemoryStream(LedgerBuilder.Lines(entries)), CancellationToken.None);
        var fromStream = await LedgerChecker.CheckAsync(LedgerBuilder.Stream(entries), CancellationToken.None);

        foreach (var result in new[] { fromRecords, fromLines, fromStream })
        {
            Assert.True(result.IsValid, string.Join('\n', result.Problems));
            Assert.Equal(5000, result.Entries);
            Assert.Equal(entries[^1].Hash, result.Head);
            Assert.Null(result.FirstBadSeq);
        }
        Assert.Equal(Enumerable.Range(1, 5000), entries.Select(e => e.Seq));
        Assert.Equal(5000, entries.Select(e => e.Hash).Distinct().Count());
    }
}
