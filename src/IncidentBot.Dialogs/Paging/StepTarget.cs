namespace IncidentBot.Dialogs.Paging;

/// <summary>Who one escalation step pages: a rotation's on-call, a person, or a whole team.</summary>
/// <param name="Id">The rotation id, the person's e-mail (or chat user id), or the team id.</param>
public sealed record StepTarget(StepTargetKind Kind, string Id)
{
    public static StepTarget OnCall(string rotationId) => new(StepTargetKind.OnCall, rotationId);

    public static StepTarget Person(string emailOrUserId) => new(StepTargetKind.Person, emailOrUserId);

    public static StepTarget Team(string teamId) => new(StepTargetKind.Team, teamId);
}
