using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Commands.Lifecycle;

/// <summary><c>lead @user</c>; a null <see cref="User"/> means the person typing (<c>lead me</c>).</summary>
public sealed record AssignRoleCommand(IncidentNumber? Target, IncidentRole Role, UserId? User) : IncidentChangeCommand(Target)
{
    public override Result<Transition> Apply(Incident incident, UserId actor, DateTimeOffset at) =>
        IncidentLifecycle.AssignRole(incident, Role, User ?? actor, actor, at);
}
