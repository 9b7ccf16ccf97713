using System.Globalization;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Channels;

/// <summary>
/// What the bot has already done in chat for one incident: the channel, who it invited,
/// the pinned summary and the version it shows, what was announced and posted. The channel
/// job compares this with the incident and does only what is missing, so running it twice
/// posts nothing twice.
/// </summary>
public sealed record IncidentChannelState : IDocument
{
    public const string DocumentType = "channel-state";

    public string Id => IdFor(IncidentNumber);

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    public required int IncidentNumber { get; init; }

    public ChannelId? Channel { get; init; }

    public string? ChannelName { get; init; }

    public IReadOnlyList<UserId> Invited { get; init; } = [];

    /// <summary>
    /// Set while one run brings chat in line (claimed with the ETag), so two runs — a retry and a
    /// late job, or two instances — never post, announce or create a channel twice. A lease older
    /// than <see cref="ChannelSyncWork.LeaseTimeout"/> belongs to a run that died.
    /// </summary>
    public DateTimeOffset? SyncLeasedAt { get; init; }

    /// <summary>The run holding the lease.</summary>
    public string? SyncLeaseId { get; init; }

    /// <summary>When the platform last refused to create the channel for good (see <see cref="Platform.ChannelCreationRefusedException"/>).</summary>
    public DateTimeOffset? CreationRefusedAt { get; init; }

    /// <summary>The platform's reason for the refusal, an error code.</summary>
    public string? CreationRefusal { get; init; }

    /// <summary>The declarer has been told that the channel could not be opened (told once).</summary>
    public bool IsRefusalSentToReporter { get; init; }

    /// <summary>The announcement channel has been told that the channel could not be opened (told once).</summary>
    public bool IsRefusalAnnounced { get; init; }

    public string? SummaryMessageId { get; init; }

    /// <summary>A hash of the summary as last posted; a different rendering means it needs an update.</summary>
    public string? SummaryHash { get; init; }

    public bool IsSummaryPinned { get; init; }

    public Severity? AnnouncedSeverity { get; init; }

    public IncidentStatus? AnnouncedStatus { get; init; }

    /// <summary>Changes up to this incident version have been posted in the channel.</summary>
    public int PostedVersion { get; init; }

    public static string IdFor(int incidentNumber) => string.Create(CultureInfo.InvariantCulture, $"chan-{incidentNumber}");
}
