using System.Buffers;

namespace IncidentBot.Http;

/// <summary>Reads a request body up to a limit, never buffering more than the limit (Slack, Teams and intake endpoints).</summary>
internal static class LimitedRequestBody
{
    private const int FirstPiece = 16 * 1024;

    /// <returns>The body, or null when it is larger than <paramref name="maxBytes"/> (answer 413).</returns>
    /// <remarks>
    /// A body of declared length is read straight into one array of that length. Each request used to allocate a 16 KiB
    /// chunk, a stream of the body's size and a copy of it: about 18 KiB for a 1 KiB report, a fifth of all a single
    /// report allocated over HTTP (PERFORMANCE.md, seventeenth session). A body without a length is read into pooled
    /// buffers and copied out once.
    /// </remarks>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } declared)
        {
            // A declared length over the limit is refused before a byte is read.
            if (declared > maxBytes)
                return null;
            var body = new byte[declared];
            var filled = 0;
            int read;
            while (filled < body.Length && (read = await request.Body.ReadAsync(body.AsMemory(filled), cancellationToken)) > 0)
                filled += read;
            // The server ends the body at its declared length; one that ended sooner is what was sent.
            return filled == body.Length ? body : body[..filled];
        }
        return await ReadUndeclaredAsync(request.Body, maxBytes, cancellationToken);
    }

    private static async Task<byte[]?> ReadUndeclaredAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(FirstPiece, maxBytes + 1));
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    // Room for one byte past the limit, so a body that passes it is seen to.
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(2L * buffer.Length, maxBytes + 1L));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                    return buffer.AsSpan(0, length).ToArray();
                length += read;
                if (length > maxBytes)
                    return null;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
