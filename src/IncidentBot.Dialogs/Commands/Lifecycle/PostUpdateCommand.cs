using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Commands.Lifecycle;

/// <summary><c>update &lt;text&gt;</c>: a status update for everyone following the incident.</summary>
public sealed record PostUpdateCommand(IncidentNumber? Target, string Text) : IncidentChangeCommand(Target)
{
    public override Result<Transition> Apply(Incident incident, UserId actor, DateTimeOffset at) =>
        IncidentLifecycle.PostStatusUpdate(incident, Text, actor, at);
}
