using System.Runtime.ExceptionServices;
using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Intake;

/// <summary>One incident's digest in a round of <see cref="IntakeDigestWork"/>: what was read, claimed, sent and decided.</summary>
internal sealed class DigestRoundEntry(IncidentNumber number, ChannelId channel, Versioned<IntakeDigest> digest, bool isOwn)
{
    public IncidentNumber Number { get; } = number;

    public ChannelId Channel { get; } = channel;

    /// <summary>As examined before the claim; the claim and the record read it again.</summary>
    public Versioned<IntakeDigest> Digest { get; } = digest;

    /// <summary>The work item the dispatcher runs (its outcome goes back to the dispatcher); the others' items the round keeps itself.</summary>
    public bool IsOwn { get; } = isOwn;

    public string RunId { get; } = UniqueIds.NextHex();

    /// <summary>The incident as it was claimed: the digest and the summary describe it.</summary>
    public Incident? Incident { get; set; }

    /// <summary>The digest as it stood before the claim (what the channel had been told).</summary>
    public IntakeDigest? Posted { get; set; }

    public DigestClaim? Claim { get; set; }

    /// <summary>The channel state leased with the claim, when the round brings the pinned summary up to date itself.</summary>
    public Versioned<IncidentChannelState>? State { get; set; }

    public MessageRef? Message { get; set; }

    /// <summary>The hash of the summary now in the channel, once the round has updated it (or found it current).</summary>
    public string? SummaryHash { get; set; }

    /// <summary>The send failed: the claim is given back, and for the dispatcher's own item the failure is thrown.</summary>
    public ExceptionDispatchInfo? Failure { get; set; }

    /// <summary>What the dispatcher does next with its own item.</summary>
    public WorkOutcome Outcome { get; set; } = WorkOutcome.Done;
}
