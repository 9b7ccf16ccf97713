using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// Verifies a ledger as it streams past, one entry or line at a time, in memory that does not
/// grow with the ledger: every hash is recomputed, every prevHash must be the hash of the entry
/// before it (<see cref="LedgerHash.Genesis"/> for the first), seqs run 1, 2, 3... and a line
/// must be exactly its entry's canonical JSON. After a problem it carries on from what the
/// entry claims, so one changed entry is reported once rather than breaking everything after it.
/// </summary>
public sealed class LedgerChecker
{
    /// <summary>Problems listed before the rest are only counted.</summary>
    public const int DefaultMaxProblems = 100;

    private static readonly byte[] HashMemberStart = "\"hash\":\""u8.ToArray();

    private readonly int _maxProblems;
    private readonly List<string> _problems = [];
    private readonly ArrayBufferWriter<byte> _scratch = new(1024);
    private int _moreProblems;
    private int _entries;
    private int _expectedSeq = 1;
    private string? _previousHash = LedgerHash.Genesis;
    private string _head = LedgerHash.Genesis;
    private int? _firstBadSeq;

    public LedgerChecker(int maxProblems = DefaultMaxProblems)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxProblems);
        _maxProblems = maxProblems;
    }

    /// <summary>The time of the last well-formed entry, if any.</summary>
    public DateTimeOffset? LastAt { get; private set; }

    /// <summary>What has been found so far; reading it does not end the check.</summary>
    public LedgerCheckResult Result
    {
        get
        {
            var problems = _moreProblems == 0 ? _problems.ToArray() : [.. _problems, $"... and {_moreProblems} more problems"];
            return new LedgerCheckResult(problems.Length == 0, _entries, _head, _firstBadSeq, problems);
        }
    }

    public static LedgerCheckResult Check(IEnumerable<LedgerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var checker = new LedgerChecker();
        foreach (var entry in entries)
            checker.Add(entry);
        return checker.Result;
    }

    public static async Task<LedgerCheckResult> CheckAsync(IAsyncEnumerable<LedgerEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var checker = new LedgerChecker();
        await foreach (var entry in entries.WithCancellation(cancellationToken))
            checker.Add(entry);
        return checker.Result;
    }

    /// <summary>Checks <c>ledger.jsonl</c> text: one canonical entry per line, each line ending in a newline.</summary>
    public static async Task<LedgerCheckResult> CheckLinesAsync(Stream jsonLines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jsonLines);
        var checker = new LedgerChecker();
        using var lines = new LedgerLineSplitter(checker, LedgerLineSplitter.DefaultMaxLineBytes);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await jsonLines.ReadAsync(buffer, cancellationToken)) > 0)
                lines.Push(buffer.AsMemory(0, read));
            lines.Complete();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return checker.Result;
    }

    /// <summary>Checks the next entry of the ledger.</summary>
    public void Add(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var position = _entries + 1;
        if (entry.Data.ValueKind != JsonValueKind.Object)
        {
            Malformed(position, "data is not a JSON object");
            return;
        }
        if (entry.Hash is null || !LedgerHash.IsWellFormed(entry.Hash) || entry.PrevHash is null || !LedgerHash.IsWellFormed(entry.PrevHash))
        {
            Malformed(position, "hash and prevHash are 64 lowercase hex digits");
            return;
        }
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        try
        {
            LedgerHash.ComputeInto(entry, _scratch, digest);
        }
        catch (CanonicalJsonException e)
        {
            Malformed(position, e.Message);
            return;
        }
        Accept(entry, digest, isCanonical: true);
    }

    /// <summary>Checks the next line of <c>ledger.jsonl</c>, given without its newline.</summary>
    public void AddLine(ReadOnlyMemory<byte> line)
    {
        var position = _entries + 1;
        if (line.IsEmpty)
        {
            Malformed(position, "the line is empty");
            return;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            Malformed(position, "the line is not JSON");
            return;
        }
        using (document)
        {
            if (!LedgerLine.TryRead(document.RootElement, out var entry, out var problem))
            {
                Malformed(position, problem);
                return;
            }
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            (int Start, int HashAt) layout;
            try
            {
                layout = LedgerHash.ComputeInto(entry, _scratch, digest);
            }
            catch (CanonicalJsonException e)
            {
                Malformed(position, e.Message);
                return;
            }
            var canonical = _scratch.WrittenSpan[layout.Start..];
            Accept(entry, digest, IsCanonicalLine(line.Span, canonical, layout.HashAt, entry.Hash));
        }
    }

    /// <summary>A line longer than the reader's limit, skipped unread.</summary>
    internal void AddOversizedLine(int maxLineBytes) =>
        Malformed(_entries + 1, $"the line is longer than {maxLineBytes} bytes");

    /// <summary>The last line had no newline: the file was cut or appended to.</summary>
    internal void MissingFinalNewline() =>
        Problem(_entries, $"line {_entries} does not end with a newline");

    private void Accept(LedgerEntry entry, ReadOnlySpan<byte> digest, bool isCanonical)
    {
        var position = ++_entries;
        var expected = _expectedSeq;
        if (entry.Seq > expected)
        {
            Problem(expected, entry.Seq == expected + 1
                ? $"seq {expected} is missing: line {position} holds seq {entry.Seq}"
                : $"seqs {expected} to {entry.Seq - 1} are missing: line {position} holds seq {entry.Seq}");
        }
        else if (entry.Seq < expected)
        {
            Problem(expected, $"line {position} holds seq {entry.Seq} where seq {expected} belongs (reordered or repeated)");
        }
        _expectedSeq = Math.Max(expected, entry.Seq) + 1;

        if (!isCanonical)
            Problem(expected, $"seq {entry.Seq}: the line is not the entry's canonical JSON");
        if (_previousHash is not null && !string.Equals(entry.PrevHash, _previousHash, StringComparison.Ordinal))
        {
            Problem(expected, position == 1
                ? $"seq {entry.Seq}: the first entry's prevHash is not {LedgerHash.Genesis.Length} zeros"
                : $"seq {entry.Seq}: prevHash is not the hash of the entry before it");
        }
        Span<char> computed = stackalloc char[LedgerHash.Length];
        Convert.TryToHexStringLower(digest, computed, out _);
        if (!computed.SequenceEqual(entry.Hash))
            Problem(expected, $"seq {entry.Seq}: hash does not match the entry's content");

        // Carry on from what the entry claims, so the next entry is judged on its own.
        _previousHash = entry.Hash;
        _head = entry.Hash;
        LastAt = entry.At;
    }

    private void Malformed(int position, string reason)
    {
        _entries = position;
        Problem(_expectedSeq, $"line {position}: not a ledger entry ({reason})");
        _expectedSeq++;
        _previousHash = null; // unknown: the next entry's prevHash cannot be judged
    }

    private void Problem(int seq, string message)
    {
        _firstBadSeq ??= Math.Max(seq, 1);
        if (_problems.Count < _maxProblems)
            _problems.Add(message);
        else
            _moreProblems++;
    }

    /// <summary>
    /// Whether <paramref name="line"/> is the canonical entry with its hash member put back:
    /// <c>canonical[..at] + "hash":"&lt;hash&gt;", + canonical[at..]</c>.
    /// </summary>
    private static bool IsCanonicalLine(ReadOnlySpan<byte> line, ReadOnlySpan<byte> withoutHash, int hashAt, string hash)
    {
        var memberLength = HashMemberStart.Length + LedgerHash.Length + 2;
        if (line.Length != withoutHash.Length + memberLength)
            return false;
        var member = line.Slice(hashAt, memberLength);
        return line[..hashAt].SequenceEqual(withoutHash[..hashAt])
            && member.StartsWith(HashMemberStart)
            && Ascii.Equals(member.Slice(HashMemberStart.Length, LedgerHash.Length), hash)
            && member.EndsWith("\","u8)
            && line[(hashAt + memberLength)..].SequenceEqual(withoutHash[hashAt..]);
    }
}
