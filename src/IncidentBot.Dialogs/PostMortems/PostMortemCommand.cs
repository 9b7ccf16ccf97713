using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.PostMortems;

/// <summary>A <c>postmortem …</c> command about the channel's incident or <see cref="Target"/>.</summary>
public abstract record PostMortemCommand(IncidentNumber? Target) : IncidentCommand;
