using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.PostMortems;

/// <summary>Which resolved incidents need a post-mortem, and by when.</summary>
public sealed record PostMortemRules
{
    public IReadOnlySet<Severity> Severities { get; init; } = new HashSet<Severity> { Severity.Sev1, Severity.Sev2 };

    /// <summary>Due this many business days after the resolution, in the owner's time zone.</summary>
    public int BusinessDays { get; init; } = 5;

    /// <summary>A reminder this many business days before the due date (0: none).</summary>
    public int RemindBeforeBusinessDays { get; init; } = 1;

    public bool IsRequiredFor(Severity severity) => Severities.Contains(severity);

    public static PostMortemRules Default { get; } = new();
}
