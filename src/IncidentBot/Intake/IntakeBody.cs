namespace IncidentBot.Intake;

/// <summary>Reads a request body up to a limit, without buffering more than the limit.</summary>
internal static class IntakeBody
{
    /// <returns>The body, or null when it is larger than <paramref name="limit"/> (answer 413).</returns>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
            return null;
        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 16 * 1024);
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var read = await request.Body.ReadAsync(chunk, cancellationToken);
            if (read == 0)
                return buffer.ToArray();
            if (buffer.Length + read > limit)
                return null;
            buffer.Write(chunk, 0, read);
        }
    }
}
