namespace IncidentBot.Dashboard;

/// <summary>A rotation's person on call now, and who comes next and when.</summary>
public sealed record OnCallRow(string Rotation, string? Now, string? Next, DateTimeOffset? NextFrom);
