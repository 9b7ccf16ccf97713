using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// A ledger entry as one line of <c>ledger.jsonl</c>: its RFC 8785 canonical JSON, hash
/// included, and a newline. The members' canonical order is fixed (<c>actor, at, data, hash,
/// kind, prevHash, seq</c>), so the line is written directly; only <c>data</c> and the strings
/// go through <see cref="CanonicalJson"/>.
/// </summary>
public static class LedgerLine
{
    private const int MemberCount = 7;

    /// <summary>Writes <paramref name="entry"/>'s canonical JSON and a newline.</summary>
    public static void Write(LedgerEntry entry, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(output);
        var writer = new CanonicalWriter(output);
        WriteCanonical(entry, ref writer, withHash: true);
        writer.Write((byte)'\n');
        writer.Flush();
    }

    /// <summary><paramref name="entry"/>'s canonical JSON, without a newline.</summary>
    public static byte[] ToCanonicalBytes(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var buffer = new ArrayBufferWriter<byte>(512);
        var writer = new CanonicalWriter(buffer);
        WriteCanonical(entry, ref writer, withHash: true);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads one line (without its newline) into an entry; checks its shape, not its hash.</summary>
    /// <exception cref="FormatException">The line is not a ledger entry; the message says why.</exception>
    public static LedgerEntry Parse(ReadOnlySpan<byte> line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line.ToArray());
        }
        catch (JsonException e)
        {
            throw new FormatException("not JSON: " + e.Message, e);
        }
        using (document)
        {
            return TryRead(document.RootElement, out var entry, out var problem)
                ? entry with { Data = entry.Data.Clone() }
                : throw new FormatException(problem);
        }
    }

    /// <summary>
    /// Reads an entry from a parsed line: exactly the seven members, of the right types.
    /// <see cref="LedgerEntry.Data"/> points into <paramref name="root"/>'s document.
    /// </summary>
    internal static bool TryRead(JsonElement root, out LedgerEntry entry, out string problem)
    {
        entry = null!;
        if (root.ValueKind != JsonValueKind.Object)
            return Fail("not a JSON object", out problem);
        if (root.GetPropertyCount() != MemberCount)
            return Fail("an entry has exactly the members seq, at, actor, kind, data, prevHash and hash", out problem);
        if (!root.TryGetProperty("seq"u8, out var seqValue) || !seqValue.TryGetInt32(out var seq) || seq < 1)
            return Fail("seq is not a whole number from 1", out problem);
        if (!root.TryGetProperty("at"u8, out var atValue) || atValue.ValueKind != JsonValueKind.String || !TryReadTime(atValue, out var at))
            return Fail($"at is not a time written {LedgerTimestamp.Format}", out problem);
        if (!root.TryGetProperty("actor"u8, out var actor) || actor.ValueKind != JsonValueKind.String)
            return Fail("actor is not a string", out problem);
        if (!root.TryGetProperty("kind"u8, out var kind) || kind.ValueKind != JsonValueKind.String)
            return Fail("kind is not a string", out problem);
        if (!root.TryGetProperty("data"u8, out var data) || data.ValueKind != JsonValueKind.Object)
            return Fail("data is not a JSON object", out problem);
        if (!root.TryGetProperty("prevHash"u8, out var prevHash) || !IsHash(prevHash))
            return Fail("prevHash is not 64 lowercase hex digits", out problem);
        if (!root.TryGetProperty("hash"u8, out var hash) || !IsHash(hash))
            return Fail("hash is not 64 lowercase hex digits", out problem);
        try
        {
            entry = new LedgerEntry(seq, at, actor.GetString()!, kind.GetString()!, data, prevHash.GetString()!, hash.GetString()!);
        }
        catch (InvalidOperationException)
        {
            return Fail("a string holds a lone surrogate", out problem);
        }
        problem = "";
        return true;
    }

    /// <summary>
    /// Writes the canonical entry, with or without its "hash" member (without is what is
    /// hashed); returns the writer position where that member goes, just after <c>"data":{...},</c>.
    /// </summary>
    internal static long WriteCanonical(LedgerEntry entry, ref CanonicalWriter writer, bool withHash)
    {
        if (entry.Data.ValueKind != JsonValueKind.Object)
            throw new ArgumentException("A ledger entry's data is a JSON object.", nameof(entry));
        writer.Write("{\"actor\":"u8);
        CanonicalJson.WriteString(entry.Actor, ref writer);
        writer.Write(",\"at\":\""u8);
        var time = writer.Reserve(LedgerTimestamp.Length);
        writer.Advance(LedgerTimestamp.Write(entry.At, time));
        writer.Write("\",\"data\":"u8);
        CanonicalJson.WriteElement(entry.Data, ref writer, 0);
        writer.Write((byte)',');
        var hashMemberAt = writer.Written;
        if (withHash)
        {
            writer.Write("\"hash\":"u8);
            CanonicalJson.WriteString(entry.Hash, ref writer);
            writer.Write((byte)',');
        }
        writer.Write("\"kind\":"u8);
        CanonicalJson.WriteString(entry.Kind, ref writer);
        writer.Write(",\"prevHash\":"u8);
        CanonicalJson.WriteString(entry.PrevHash, ref writer);
        writer.Write(",\"seq\":"u8);
        EcmaScriptNumber.Write(entry.Seq, ref writer);
        writer.Write((byte)'}');
        return hashMemberAt;
    }

    private static bool TryReadTime(JsonElement value, out DateTimeOffset at)
    {
        at = default;
        var raw = JsonMarshal.GetRawUtf8Value(value);
        if (raw.Length != LedgerTimestamp.Length + 2)
            return false;
        Span<char> text = stackalloc char[LedgerTimestamp.Length];
        return Encoding.ASCII.TryGetChars(raw[1..^1], text, out var count)
            && count == LedgerTimestamp.Length
            && LedgerTimestamp.TryParse(text, out at);
    }

    private static bool IsHash(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
            return false;
        var raw = JsonMarshal.GetRawUtf8Value(value);
        if (raw.Length != LedgerHash.Length + 2)
            return false;
        foreach (var b in raw[1..^1])
        {
            if (b is not ((>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f')))
                return false;
        }
        return true;
    }

    private static bool Fail(string reason, out string problem)
    {
        problem = reason;
        return false;
    }
}
