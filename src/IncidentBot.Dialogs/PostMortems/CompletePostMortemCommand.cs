using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.PostMortems;

/// <summary><c>postmortem done &lt;link&gt;</c>: it is written, here.</summary>
public sealed record CompletePostMortemCommand(IncidentNumber? Target, string Link) : PostMortemCommand(Target);
