using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Commands.Lifecycle;

/// <summary>A command that changes one incident: the channel's, or <see cref="Target"/> when named.</summary>
public abstract record IncidentChangeCommand(IncidentNumber? Target) : IncidentCommand
{
    /// <summary>The change as a pure transition of the incident's state machine.</summary>
    public abstract Result<Transition> Apply(Incident incident, UserId actor, DateTimeOffset at);
}
