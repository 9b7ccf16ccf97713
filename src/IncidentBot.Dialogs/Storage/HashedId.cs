using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace IncidentBot.Dialogs.Storage;

/// <summary>
/// The part of an id that stands for a text whose length or characters an id may not hold (a source's own report id, a
/// trend key): the first 40 hex digits, lower case, of the SHA-256 of its UTF-8. Hashed on the stack, so the caller's id
/// is the one string made.
/// </summary>
public static class HashedId
{
    /// <summary>Characters written by <see cref="Write"/>.</summary>
    public const int Length = 40;

    /// <summary>Writes the <see cref="Length"/> hex digits of <paramref name="text"/> into <paramref name="destination"/>.</summary>
    public static void Write(string text, Span<char> destination)
    {
        ArgumentNullException.ThrowIfNull(text);
        var byteCount = Encoding.UTF8.GetByteCount(text);
        var rented = byteCount > 256 ? ArrayPool<byte>.Shared.Rent(byteCount) : null;
        try
        {
            Span<byte> utf8 = rented ?? stackalloc byte[256];
            var written = Encoding.UTF8.GetBytes(text, utf8);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(utf8[..written], hash);
            if (!Convert.TryToHexStringLower(hash[..(Length / 2)], destination, out _))
                throw new ArgumentException($"Room for {Length} characters is needed.", nameof(destination));
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
