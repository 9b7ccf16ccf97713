using System.Buffers;

namespace IncidentBot.Dialogs.Storage;

/// <summary>
/// A byte buffer the thread keeps between uses, for text written only to be hashed or parsed at once (a ledger entry's
/// data and canonical form, a summary's JSON): a fresh buffer grew several times for each one that carried a report's text
/// (PERFORMANCE.md, thirty-sixth session). Taken out while in use, so a nested use gets a buffer of its own; one grown past
/// <see cref="MaxKept"/> for a large text is not kept.
/// </summary>
public static class ScratchBuffer
{
    /// <summary>The largest buffer kept for the thread's next use.</summary>
    public const int MaxKept = 64 * 1024;

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_kept;

    /// <summary>An empty buffer: the thread's own if it is free, else a new one. Give it back with <see cref="Return"/>.</summary>
    public static ArrayBufferWriter<byte> Rent()
    {
        var buffer = t_kept ?? new ArrayBufferWriter<byte>(4096);
        t_kept = null;
        buffer.ResetWrittenCount();
        return buffer;
    }

    /// <summary>Keeps <paramref name="buffer"/> for the thread's next use, unless it grew too large.</summary>
    public static void Return(ArrayBufferWriter<byte> buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (buffer.Capacity <= MaxKept)
            t_kept = buffer;
    }
}
