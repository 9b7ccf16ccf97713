using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// The hash that chains ledger entries: lowercase hex SHA-256 of
/// <c>prevHash + "\n" + JCS(entry without "hash")</c>, where JCS is RFC 8785 canonical JSON
/// (<see cref="CanonicalJson"/>). Anyone can recompute it with a JCS library and sha256sum.
/// </summary>
public static class LedgerHash
{
    /// <summary>The <c>prevHash</c> of the first entry: 64 zeros.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Characters in a hash: 32 bytes as hex.</summary>
    public const int Length = 64;

    /// <summary>The hash <paramref name="entry"/> should carry; its own <see cref="LedgerEntry.Hash"/> is ignored.</summary>
    /// <exception cref="ArgumentException"><see cref="LedgerEntry.Data"/> is not a JSON object.</exception>
    /// <exception cref="CanonicalJsonException"><see cref="LedgerEntry.Data"/> has no canonical form.</exception>
    public static string Compute(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var scratch = ScratchBuffer.Rent();
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        ComputeInto(entry, scratch, digest);
        ScratchBuffer.Return(scratch);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>Whether <paramref name="hash"/> is 64 lowercase hex digits.</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> hash)
    {
        if (hash.Length != Length)
            return false;
        foreach (var c in hash)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
                return false;
        }
        return true;
    }

    /// <summary>
    /// Writes the hashed text (<c>prevHash \n JCS(entry without hash)</c>) into
    /// <paramref name="scratch"/>, hashes it into <paramref name="digest"/>, and returns where the
    /// canonical entry starts in <paramref name="scratch"/> and where its "hash" member would go.
    /// </summary>
    internal static (int CanonicalStart, int HashMemberAt) ComputeInto(LedgerEntry entry, ArrayBufferWriter<byte> scratch, Span<byte> digest)
    {
        scratch.ResetWrittenCount();
        var writer = new CanonicalWriter(scratch);
        var prefix = writer.Reserve(Encoding.UTF8.GetMaxByteCount(entry.PrevHash.Length) + 1);
        var length = Encoding.UTF8.GetBytes(entry.PrevHash, prefix);
        prefix[length++] = (byte)'\n';
        writer.Advance(length);
        var hashMemberAt = (int)LedgerLine.WriteCanonical(entry, ref writer, withHash: false);
        writer.Flush();
        SHA256.HashData(scratch.WrittenSpan, digest);
        return (length, hashMemberAt - length);
    }
}
