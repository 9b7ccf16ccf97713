namespace IncidentBot.Dialogs.Intake;

/// <summary>Who filed a report, as the source says; evidence, never used to reach anyone.</summary>
public sealed record ReportReporter
{
    public string? Name { get; init; }

    public string? Organisation { get; init; }

    public string? Email { get; init; }

    /// <summary>A trusted flagger under DSA Art. 22: the report goes first (severity floor, immediate page).</summary>
    public bool IsTrustedFlagger { get; init; }
}
