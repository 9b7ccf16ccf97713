namespace IncidentBot.Dialogs.Paging;

public enum StepTargetKind
{
    /// <summary>Whoever is on call for a rotation when the step starts.</summary>
    OnCall,
    /// <summary>A named person (by e-mail, or a chat user id for pages of one person).</summary>
    Person,
    /// <summary>Every member of a team.</summary>
    Team,
}
