using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Commands.Lifecycle;

public sealed record AddNoteCommand(IncidentNumber? Target, string Text) : IncidentChangeCommand(Target)
{
    public override Result<Transition> Apply(Incident incident, UserId actor, DateTimeOffset at) =>
        IncidentLifecycle.AddNote(incident, Text, actor, at);
}
