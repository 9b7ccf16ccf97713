namespace IncidentBot.Dialogs.Platform;

/// <summary>A file to share in a conversation, with an optional message introducing it.</summary>
public sealed record ChatFile(string FileName, string Title, ReadOnlyMemory<byte> Content)
{
    public string? InitialComment { get; init; }
}
