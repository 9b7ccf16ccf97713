namespace IncidentBot.Dialogs.Incidents;

/// <summary>Where an incident is in its lifecycle; <see cref="IncidentLifecycle"/> says which moves are allowed.</summary>
public enum IncidentStatus
{
    Declared,
    Investigating,
    Mitigated,
    Resolved,
    Closed,
    Cancelled,
}
