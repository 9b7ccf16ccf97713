using System.Globalization;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Intake;

/// <summary>
/// What the incident channel has been told about reports, and whether it is owed a digest. A
/// report that joins the incident while none is owed writes it (with its ETag) in the same unit,
/// setting <see cref="PendingSince"/>; while one is owed, joins leave it alone (a storm does not
/// race the digest for it). The digest job clears it when it claims a digest and, when recording,
/// marks it owed again if the incident counts more reports than it posted: none is lost, and the
/// channel gets at most one message per <see cref="IntakeRules.DigestInterval"/>.
/// </summary>
public sealed record IntakeDigest : IDocument
{
    public const string DocumentType = "intake-digest";

    public string Id => IdFor(IncidentNumber);

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    public required int IncidentNumber { get; init; }

    /// <summary>Set by the first report since the last digest was claimed; null when nothing is owed.</summary>
    public DateTimeOffset? PendingSince { get; init; }

    /// <summary>When the last digest (or the declaration, which announces the first report) went out.</summary>
    public DateTimeOffset? LastPostedAt { get; init; }

    /// <summary>The incident's report count the channel has been told.</summary>
    public int PostedReportCount { get; init; }

    public IReadOnlyList<string> PostedMarkets { get; init; } = [];

    public IReadOnlyList<string> PostedLanguages { get; init; } = [];

    /// <summary>A digest being sent: taken with the ETag, so two runs never post the same digest; older than two minutes, its run died.</summary>
    public DigestClaim? Claim { get; init; }

    /// <summary>The severity last proposed to the lead, so a storm proposes each step once.</summary>
    public Severity? ProposedSeverity { get; init; }

    public string? LastMessageId { get; init; }

    public static string IdFor(int incidentNumber) => string.Create(CultureInfo.InvariantCulture, $"intake-digest-{incidentNumber}");
}
