using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Paging.Commands;

/// <summary><c>page &lt;team|@user&gt; [INC-n]</c>: a team is paged through its policy, a person directly.</summary>
public sealed record PageCommand(IncidentNumber? Target, string? Team, UserId? User) : IncidentCommand;
