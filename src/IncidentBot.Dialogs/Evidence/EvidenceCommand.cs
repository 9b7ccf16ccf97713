using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Evidence;

/// <summary><c>evidence [n]</c>: send the incident's evidence package to the person asking.</summary>
public sealed record EvidenceCommand(IncidentNumber? Target) : IncidentCommand;
