namespace IncidentBot.Dialogs.Incidents;

/// <summary>A legal hold on an incident: who placed it, when, and why (e.g. a regulator's request, litigation).</summary>
public sealed record IncidentHold(UserId By, DateTimeOffset Since, string? Reason);
