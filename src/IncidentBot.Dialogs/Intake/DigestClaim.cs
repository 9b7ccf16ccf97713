namespace IncidentBot.Dialogs.Intake;

/// <summary>A digest being sent: what it covers, so the record after the send says exactly that.</summary>
public sealed record DigestClaim
{
    public required DateTimeOffset At { get; init; }

    public required string RunId { get; init; }

    public required int ReportCount { get; init; }

    public IReadOnlyList<string> Markets { get; init; } = [];

    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>The severity the digest proposes, if the rate called for it.</summary>
    public Incidents.Severity? Proposes { get; init; }

    /// <summary>The digest was owed since then; given back if the send fails.</summary>
    public DateTimeOffset? PendingSince { get; init; }
}
