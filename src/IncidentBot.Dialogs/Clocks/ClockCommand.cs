using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Clocks;

/// <summary>A <c>clock …</c> command about the channel's incident or <see cref="Target"/>.</summary>
public abstract record ClockCommand(IncidentNumber? Target) : IncidentCommand;
