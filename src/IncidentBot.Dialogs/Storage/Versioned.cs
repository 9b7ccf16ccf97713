namespace IncidentBot.Dialogs.Storage;

/// <summary>A document as read, with the ETag to pass back when replacing it.</summary>
public sealed record Versioned<T>(T Value, string ETag);
