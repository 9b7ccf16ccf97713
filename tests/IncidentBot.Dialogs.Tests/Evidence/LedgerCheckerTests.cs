using System.Text;
using IncidentBot.Dialogs.Evidence;

namespace IncidentBot.Dialogs.Tests.Evidence;

public sealed class LedgerCheckerTests
{
    [Fact]
    public async Task Any_changed_byte_is_found_at_the_seq_of_the_line_it_is_in()
    {
        var jsonLines = LedgerBuilder.Lines(LedgerBuilder.Build(6));
        var lineOfByte = LineNumbers(jsonLines);

        for (var i = 0; i < jsonLines.Length; i++)
        {
            foreach (var flip in new byte[] { 0x01, 0x20 })
            {
                var tampered = (byte[])jsonLines.Clone();
                tampered[i] ^= flip;

                var result = await LedgerChecker.CheckLinesAsync(new MemoryStream(tampered), CancellationToken.None);

                Assert.False(result.IsValid, $"byte {i} ^ {flip:x2} went unnoticed");
                Assert.True(lineOfByte[i] == result.FirstBadSeq, $"byte {i} ^ {flip:x2} is in line {lineOfByte[i]}, found at {result.FirstBadSeq}: {string.Join("; ", result.Problems)}");
            }
        }
    }

    [Fact]
    public async Task Two_reordered_entries_are_found_at_the_first_of_them()
    {
        var lines = LedgerBuilder.LinesOf(LedgerBuilder.Lines(LedgerBuilder.Build(20)));
        (lines[11], lines[12]) = (lines[12], lines[11]);

        var result = await CheckAsync(lines);

        Assert.Equal(12, result.FirstBadSeq);
        Assert.Contains(result.Problems, p => p.Contains("line 13 holds seq 12 where seq 14 belongs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_entry_is_found_at_its_seq()
    {
        var lines = LedgerBuilder.LinesOf(LedgerBuilder.Lines(LedgerBuilder.Build(20)));
        lines.RemoveAt(6);

        var result = await CheckAsync(lines);

        Assert.Equal(7, result.FirstBadSeq);
        Assert.Equal(19, result.Entries);
        Assert.Contains("seq 7 is missing: line 7 holds seq 8", result.Problems);
        Assert.Contains("seq 8: prevHash is not the hash of the entry before it", result.Problems);
        Assert.Equal(2, result.Problems.Count);
    }

    [Fact]
    public void An_entry_linked_to_the_wrong_entry_is_found_by_its_prevHash()
    {
        var entries = LedgerBuilder.Build(10);
        var wrong = entries[3];
        var relinked = LedgerChain.Next(entries[1].Head with { Seq = 3 }, wrong.At, wrong.Actor, wrong.Kind, wrong.Data);
        entries[3] = relinked;

        var result = LedgerChecker.Check(entries);

        Assert.Equal(4, result.FirstBadSeq);
        Assert.Contains("seq 4: prevHash is not the hash of the entry before it", result.Problems);
    }

    [Fact]
    public void A_changed_entry_is_found_at_its_seq_even_when_the_next_entries_are_intact()
    {
        var entries = LedgerBuilder.Build(10);
        entries[4] = entries[4] with { Actor = "slack:U9999" };

        var result = LedgerChecker.Check(entries);

        Assert.Equal(5, result.FirstBadSeq);
        Assert.Equal(["seq 5: hash does not match the entry's content"], result.Problems);
    }

    [Fact]
    public void A_changed_entry_whose_hash_was_recomputed_breaks_the_link_to_the_next()
    {
        // Only the next prevHash can show it; an entry rehashed at the head shows only against the manifest.
        var entries = LedgerBuilder.Build(10);
        var changed = entries[4] with { Actor = "slack:U9999" };
        entries[4] = changed with { Hash = LedgerHash.Compute(changed) };

        var result = LedgerChecker.Check(entries);

        Assert.Equal(6, result.FirstBadSeq);
        Assert.Equal(["seq 6: prevHash is not the hash of the entry before it"], result.Problems);
    }

    [Fact]
    public async Task A_malformed_line_is_reported_and_the_check_carries_on()
    {
        var lines = LedgerBuilder.LinesOf(LedgerBuilder.Lines(LedgerBuilder.Build(10)));
        lines[2] = "{\"seq\":3,\"not\":\"an entry\"}"u8.ToArray();
        lines[7] = [.. lines[7].Take(40)];

        var result = await CheckAsync(lines);

        Assert.Equal(3, result.FirstBadSeq);
        Assert.Equal(10, result.Entries);
        Assert.Equal(2, result.Problems.Count);
        Assert.StartsWith("line 3: not a ledger entry (an entry has exactly the members", result.Problems[0], StringComparison.Ordinal);
        Assert.Equal("line 8: not a ledger entry (the line is not JSON)", result.Problems[1]);
    }

    [Fact]
    public async Task An_empty_line_is_a_problem()
    {
        var lines = LedgerBuilder.LinesOf(LedgerBuilder.Lines(LedgerBuilder.Build(4)));
        lines.Insert(2, []);

        var result = await CheckAsync(lines);

        Assert.Equal(3, result.FirstBadSeq);
        Assert.Contains("line 3: not a ledger entry (the line is empty)", result.Problems);
    }

    [Fact]
    public async Task A_line_that_is_not_the_canonical_json_of_its_entry_is_a_problem_though_its_hash_checks()
    {
        var lines = LedgerBuilder.LinesOf(LedgerBuilder.Lines(LedgerBuilder.Build(4)));
        lines[1] = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(lines[1]).Replace("\":", "\": ", StringComparison.Ordinal));

        var result = await CheckAsync(lines);

        Assert.Equal(2, result.FirstBadSeq);
        Assert.Equal(["seq 2: the line is not the entry's canonical JSON"], result.Problems);
    }

    [Fact]
    public async Task A_last_line_without_its_newline_is_a_problem()
    {
        var jsonLines = LedgerBuilder.Lines(LedgerBuilder.Build(4));

        var result = await LedgerChecker.CheckLinesAsync(new MemoryStream(jsonLines[..^1]), CancellationToken.None);

        Assert.Equal(4, result.Entries);
        Assert.Equal(4, result.FirstBadSeq);
        Assert.Equal(["line 4 does not end with a newline"], result.Problems);
    }

    [Fact]
    public async Task Lines_split_across_reads_are_checked_whole()
    {
        var entries = LedgerBuilder.Build(40);

        var result = await LedgerChecker.CheckLinesAsync(new TrickleStream(LedgerBuilder.Lines(entries), 7), CancellationToken.None);

        Assert.True(result.IsValid, string.Join('\n', result.Problems));
        Assert.Equal(entries[^1].Hash, result.Head);
    }

    [Fact]
    public void A_line_longer_than_the_limit_is_skipped_unheld_and_reported()
    {
        var lines = LedgerBuilder.LinesOf(LedgerBuilder.Lines(LedgerBuilder.Build(3)));
        var checker = new LedgerChecker();
        using var splitter = new LedgerLineSplitter(checker, 64);

        splitter.Push(LedgerBuilder.Join(lines));
        splitter.Complete();
        var result = checker.Result;

        Assert.Equal(3, result.Entries);
        Assert.Equal(1, result.FirstBadSeq);
        Assert.Equal(3, result.Problems.Count);
        Assert.All(result.Problems, p => Assert.EndsWith("(the line is longer than 64 bytes)", p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lists_at_most_the_limit_of_problems_and_counts_the_rest()
    {
        var lines = Enumerable.Repeat("{}"u8.ToArray(), 250);

        var result = await CheckAsync(lines);

        Assert.Equal(101, result.Problems.Count);
        Assert.Equal("... and 150 more problems", result.Problems[^1]);
        Assert.Equal(1, result.FirstBadSeq);
    }

    [Fact]
    public void An_empty_ledger_is_valid_with_the_genesis_head()
    {
        var result = LedgerChecker.Check([]);

        Assert.True(result.IsValid);
        Assert.Equal(0, result.Entries);
        Assert.Equal(LedgerHash.Genesis, result.Head);
    }

    [Fact]
    public void A_first_entry_that_does_not_start_from_64_zeros_is_a_problem()
    {
        var entries = LedgerBuilder.Build(2);
        var first = LedgerChain.Next(new LedgerHead(0, new string('1', 64)), entries[0].At, entries[0].Actor, entries[0].Kind, entries[0].Data);

        var result = LedgerChecker.Check([first]);

        Assert.Equal(1, result.FirstBadSeq);
        Assert.Equal(["seq 1: the first entry's prevHash is not 64 zeros"], result.Problems);
    }

    private static Task<LedgerCheckResult> CheckAsync(IEnumerable<byte[]> lines) =>
        LedgerChecker.CheckLinesAsync(new MemoryStream(LedgerBuilder.Join(lines)), CancellationToken.None);

    private static int[] LineNumbers(byte[] jsonLines)
    {
        var numbers = new int[jsonLines.Length];
        var line = 1;
        for (var i = 0; i < jsonLines.Length; i++)
        {
            numbers[i] = line;
            if (jsonLines[i] == '\n')
                line++;
        }
        return numbers;
    }

    /// <summary>Hands out a few bytes per read, as a network or inflating stream may.</summary>
    private sealed class TrickleStream(byte[] bytes, int perRead) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, perRead));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, perRead)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, perRead)], cancellationToken);
    }
}
