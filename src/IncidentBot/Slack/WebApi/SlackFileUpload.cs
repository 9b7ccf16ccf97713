namespace IncidentBot.Slack.WebApi;

/// <summary>A file to share in <paramref name="ChannelId"/>, introduced by <see cref="InitialComment"/> if given.</summary>
public sealed record SlackFileUpload(string ChannelId, string FileName, ReadOnlyMemory<byte> Content)
{
    public string? Title { get; init; }

    public string? InitialComment { get; init; }

    /// <summary>The parent's ts to share it in a thread (never a reply's ts).</summary>
    public string? ThreadTs { get; init; }

    /// <summary>For an image: its description (<c>alt_txt</c>), read out by screen readers.</summary>
    public string? AltText { get; init; }

    /// <summary>When set, the bytes are sent from this seekable stream (from its start) instead of <see cref="Content"/>.</summary>
    public Stream? ContentStream { get; init; }

    public long Length => ContentStream?.Length ?? Content.Length;
}
