namespace IncidentBot.Dialogs.Incidents;

/// <summary>Where the incident came from; sources carry their own clocks and routing.</summary>
public enum IncidentSource
{
    Internal,
    Regulator,
    Partner,
    Trending,
    UserReport,
}
