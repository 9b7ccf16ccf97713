using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Commands.Lifecycle;

public sealed record ChangeSeverityCommand(IncidentNumber? Target, Severity Severity) : IncidentChangeCommand(Target)
{
    public override Result<Transition> Apply(Incident incident, UserId actor, DateTimeOffset at) =>
        IncidentLifecycle.ChangeSeverity(incident, Severity, actor, at);
}
