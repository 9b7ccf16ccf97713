namespace IncidentBot.Dialogs.Reminders;

/// <summary>
/// One reminder of a document's plan, as far as it got: claimed by a run, sent (with the
/// platform's message id), or skipped because a later one of the same plan went out instead.
/// </summary>
public sealed record SentReminder
{
    public required string Key { get; init; }

    /// <summary>When the plan wanted it sent; later reminders only go out after this.</summary>
    public required DateTimeOffset PlannedAt { get; init; }

    /// <summary>When a run took it on; a claim without <see cref="SentAt"/> older than the claim timeout belongs to a run that died.</summary>
    public required DateTimeOffset ClaimedAt { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    public string? MessageId { get; init; }

    /// <summary>Passed over for a later reminder that was due at the same time (after downtime, or on a Monday morning).</summary>
    public bool IsSkipped { get; init; }
}
