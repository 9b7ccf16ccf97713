namespace IncidentBot.Dialogs.Platform;

/// <summary>A file to share in a conversation, with an optional message introducing it.</summary>
public sealed record ChatFile(string FileName, string Title, ReadOnlyMemory<byte> Content)
{
    public RichText? InitialComment { get; init; }

    /// <summary>For an image: what it shows, in words (screen readers, and where the image cannot be shown).</summary>
    public string? AltText { get; init; }
}
