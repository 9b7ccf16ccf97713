namespace IncidentBot.Http;

/// <summary>Reads a request body up to a limit, never buffering more than the limit (Slack, Teams and intake endpoints).</summary>
internal static class LimitedRequestBody
{
    /// <returns>The body, or null when it is larger than <paramref name="maxBytes"/> (answer 413).</returns>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        // A declared length over the limit is refused before a byte is read.
        if (request.ContentLength > maxBytes)
            return null;
        using var buffer = new MemoryStream(request.ContentLength is { } length and > 0 ? (int)length : 16 * 1024);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
