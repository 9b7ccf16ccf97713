using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.PostMortems;

/// <summary><c>postmortem owner @user</c>; a null owner means the person typing (<c>me</c>).</summary>
public sealed record SetPostMortemOwnerCommand(IncidentNumber? Target, UserId? Owner) : PostMortemCommand(Target);
