namespace IncidentBot.Dialogs.Intake;

/// <summary>
/// What a regulator's order says about itself: who issued it, its reference, the regime whose
/// clock it starts (the name of a clock of the rules, such as <c>in-takedown-order</c>), its legal basis, and
/// the deadline when the order states its own. Kept on the report and on the incident it opens.
/// </summary>
public sealed record RegulatorOrder
{
    public string? Authority { get; init; }

    public string? Reference { get; init; }

    /// <summary>The name of a clock of the rules; the clock of that name starts from the order's receipt.</summary>
    public string? Regime { get; init; }

    public string? LegalBasis { get; init; }

    /// <summary>The order's own deadline, which replaces the regime's window.</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>When the order was received; its clock runs from here.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }
}
