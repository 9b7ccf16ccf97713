namespace IncidentBot.Dialogs.Platform;

/// <summary>A file to share in a conversation, with an optional message introducing it.</summary>
public sealed record ChatFile(string FileName, string Title, ReadOnlyMemory<byte> Content)
{
    public RichText? InitialComment { get; init; }

    /// <summary>For an image: what it shows, in words (screen readers, and where the image cannot be shown).</summary>
    public string? AltText { get; init; }

    /// <summary>
    /// When set, the file's bytes are read from this seekable stream (at its start) instead of
    /// <see cref="Content"/>: a large file (an evidence package) kept on disk rather than in memory.
    /// The caller owns and disposes it.
    /// </summary>
    public Stream? ContentStream { get; init; }

    /// <summary>The file's size in bytes.</summary>
    public long Length => ContentStream?.Length ?? Content.Length;

    /// <summary>A file read from a seekable stream (see <see cref="ContentStream"/>).</summary>
    public static ChatFile Streamed(string fileName, string title, Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!content.CanSeek)
            throw new ArgumentException("The platforms want the length first: the stream must be seekable.", nameof(content));
        return new ChatFile(fileName, title, ReadOnlyMemory<byte>.Empty) { ContentStream = content };
    }
}
