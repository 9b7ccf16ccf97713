namespace IncidentBot.Slack.Inbound;

/// <summary>What the declare modal carries in <c>private_metadata</c>: where it was opened from.</summary>
public sealed record DeclareModalMetadata(string? Channel, string? MessageLink);
