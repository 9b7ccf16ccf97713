using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Retention;

/// <summary><c>hold [reason]</c> (<see cref="IsRelease"/> false) or <c>hold release</c>.</summary>
public sealed record HoldCommand(IncidentNumber? Target, bool IsRelease, string? Reason) : IncidentCommand;
