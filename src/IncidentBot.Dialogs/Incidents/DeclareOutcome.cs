namespace IncidentBot.Dialogs.Incidents;

/// <summary>The declared incident, and whether this call declared it or found an earlier declaration of the same delivery.</summary>
public sealed record DeclareOutcome(Incident Incident, bool IsRepeat);
