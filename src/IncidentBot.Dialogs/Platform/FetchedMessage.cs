namespace IncidentBot.Dialogs.Platform;

/// <summary>A chat message read back from the platform: its text and a link to it.</summary>
public sealed record FetchedMessage(string Text, string? Permalink);
