using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.PostMortems;

/// <summary><c>postmortem</c>: draft it from the record and upload the draft to the channel.</summary>
public sealed record DraftPostMortemCommand(IncidentNumber? Target) : PostMortemCommand(Target);
