using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Retention;

/// <summary>
/// How long a finished incident's chat side and reports are kept, and what is removed then. The
/// default keeps them six months after the incident was closed or cancelled: the EU TCO Regulation
/// (2021/784, Art. 6) asks for removed content and related data to be preserved for six months.
/// The incident record and its ledger are never purged.
/// </summary>
public sealed record RetentionRules
{
    public static RetentionRules Default { get; } = new();

    /// <summary>Calendar months after closing (or cancelling) before the purge. Default 6.</summary>
    public int KeepMonths { get; init; } = 6;

    /// <summary>Archive the incident's channel at the purge (where the platform can). Default true.</summary>
    public bool ArchiveChannel { get; init; } = true;

    /// <summary>Delete the intake reports joined to the incident at the purge. Default true.</summary>
    public bool PurgeReports { get; init; } = true;

    /// <summary>When a finished incident's chat side and reports are purged; null while it is not finished.</summary>
    public DateTimeOffset? PurgeDueAt(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var finishedAt = incident.Status switch
        {
            IncidentStatus.Closed => incident.ClosedAt,
            IncidentStatus.Cancelled => incident.CancelledAt,
            _ => null,
        };
        return finishedAt?.AddMonths(KeepMonths);
    }
}
