namespace IncidentBot.Dialogs.Clocks;

/// <summary>A named deadline of the clock rules: how long the window is and whether it may be paused.</summary>
public sealed record ClockDefinition
{
    /// <summary>Lower case letters, digits and hyphens (<c>eu-tco-removal</c>); what people type.</summary>
    public required string Name { get; init; }

    public required string Title { get; init; }

    public required TimeSpan Window { get; init; }

    /// <summary>Only where the rule allows it (the EU TCO Regulation does, Art. 3(7)–(8)).</summary>
    public bool IsPausable { get; init; }

    /// <summary>The legal text or agreement the window comes from, for the record.</summary>
    public string? Reference { get; init; }

    /// <summary>Overrides the clock rules' warning points for this clock.</summary>
    public IReadOnlyList<double>? WarningPoints { get; init; }
}
