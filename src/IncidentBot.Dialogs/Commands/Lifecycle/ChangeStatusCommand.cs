using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Commands.Lifecycle;

/// <summary><c>status &lt;state&gt;</c>, <c>resolve [summary]</c>, <c>close</c>, <c>cancel [reason]</c>.</summary>
public sealed record ChangeStatusCommand(IncidentNumber? Target, IncidentStatus Status, string? Text = null) : IncidentChangeCommand(Target)
{
    public override Result<Transition> Apply(Incident incident, UserId actor, DateTimeOffset at) =>
        IncidentLifecycle.ChangeStatus(incident, Status, actor, at, Text);
}
