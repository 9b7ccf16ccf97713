using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Paging.Commands;

/// <summary><c>override &lt;team|rotation&gt; @user &lt;from&gt; &lt;to&gt;</c>.</summary>
public sealed record OverrideCommand(string Team, UserId User, OverrideTime From, OverrideTime To) : IncidentCommand;
