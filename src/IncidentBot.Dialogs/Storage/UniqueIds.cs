using System.Buffers.Binary;
using System.Security.Cryptography;

namespace IncidentBot.Dialogs.Storage;

/// <summary>
/// Ids that only have to be unique — ETags, batch operation ids, lease, claim and run ids — made without a system call
/// each. <see cref="Guid.NewGuid"/> reads the kernel's random source on every call here (one <c>read</c> of
/// <c>/dev/urandom</c>): 1.6 % of a busy intake round's CPU went to the store's ETags alone (PERFORMANCE.md).
/// Half of each id is drawn once per process from the random source, the other half counts up, so ids never repeat
/// within a process and two processes (instances, restarts) share a half with odds of 2^-64.
/// Not for anything a person must not guess (tokens, links): use <see cref="RandomNumberGenerator"/> for those.
/// </summary>
public static class UniqueIds
{
    private static readonly ulong ProcessHalf = BinaryPrimitives.ReadUInt64LittleEndian(RandomNumberGenerator.GetBytes(8));
    private static long _counter;

    /// <summary>A new id in the shape of a GUID.</summary>
    public static Guid Next()
    {
        Span<byte> bytes = stackalloc byte[16];
        // The counter first, so ids made one after the other differ in their leading characters too.
        BinaryPrimitives.WriteUInt64BigEndian(bytes, (ulong)Interlocked.Increment(ref _counter));
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[8..], ProcessHalf);
        return new Guid(bytes);
    }

    /// <summary>A new id as 32 hexadecimal digits (<c>Guid.ToString("N")</c>).</summary>
    public static string NextHex() => Next().ToString("N");
}
