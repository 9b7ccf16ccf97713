using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Commands.Lifecycle;

public sealed record ReopenCommand(IncidentNumber? Target) : IncidentChangeCommand(Target)
{
    public override Result<Transition> Apply(Incident incident, UserId actor, DateTimeOffset at) =>
        IncidentLifecycle.Reopen(incident, actor, at);
}
