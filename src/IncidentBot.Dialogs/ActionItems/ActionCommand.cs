using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.ActionItems;

/// <summary>An <c>action …</c> command about the channel's incident or <see cref="Target"/>.</summary>
public abstract record ActionCommand(IncidentNumber? Target) : IncidentCommand;
