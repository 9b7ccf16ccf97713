namespace IncidentBot.Dialogs.Incidents;

/// <summary>The incident after a change, and the timeline event that records the change.</summary>
public sealed record Transition(Incident Incident, TimelineEvent Event);
