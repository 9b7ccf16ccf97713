using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Commands.Declare;

/// <summary><c>declare [sev1-4] &lt;title&gt; [--source S] [--market NP,IN] [--lang ne,bho] [--restricted]</c>; no title opens the form.</summary>
public sealed record DeclareCommand : IncidentCommand
{
    public string? Title { get; init; }

    public string? Description { get; init; }

    public Severity? Severity { get; init; }

    public IncidentSource? Source { get; init; }

    public IReadOnlyList<string> Markets { get; init; } = [];

    public IReadOnlyList<string> Languages { get; init; } = [];

    public bool IsRestricted { get; init; }
}
