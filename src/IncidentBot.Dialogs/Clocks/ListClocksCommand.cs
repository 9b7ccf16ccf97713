using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Clocks;

/// <summary><c>clock</c>: each clock with its time left.</summary>
public sealed record ListClocksCommand(IncidentNumber? Target) : ClockCommand(Target)
{
    public override bool IsQuery => true;
}
