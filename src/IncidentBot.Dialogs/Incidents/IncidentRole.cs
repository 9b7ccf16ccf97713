namespace IncidentBot.Dialogs.Incidents;

public enum IncidentRole
{
    Lead,
    Comms,
    Scribe,
}
