using System.ComponentModel.DataAnnotations;

namespace IncidentBot.Retention;

/// <summary>
/// The <c>Retention</c> section: how long a closed or cancelled incident's chat side and reports are
/// kept before the retention job purges them (never while the incident is on legal hold). The
/// incident record and its evidence ledger are never purged.
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>Calendar months after closing. Default 6 (EU TCO Regulation 2021/784, Art. 6).</summary>
    [Range(1, 1200)]
    public int KeepMonths { get; set; } = 6;

    /// <summary>Archive the incident's channel at the purge (Slack; Teams channels are left as they are). Default true.</summary>
    public bool ArchiveChannel { get; set; } = true;

    /// <summary>Delete the intake reports joined to the incident at the purge. Default true.</summary>
    public bool PurgeReports { get; set; } = true;
}
