using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Intake;

/// <summary>The round's two kinds of unit: the claims before anything is sent, and the records after.</summary>
public sealed partial class IntakeDigestWork
{
    /// <summary>
    /// Claims the digests of <paramref name="unit"/> that are still owed and not claimed by a live run, each with the
    /// incident's count as it stands; with each, the channel state's lease when the pinned summary can be updated here.
    /// </summary>
    private async Task ClaimAsync(WorkspaceId workspace, DigestRoundEntry[] unit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var intake = rules.Intake;
        var committed = await writer.WriteAsync(workspace, async (attempt, token) =>
        {
            var taken = new List<(DigestRoundEntry Entry, Incident Incident, IntakeDigest Posted, DigestClaim Claim, IncidentChannelState? State)>();
            foreach (var entry in unit)
            {
                var current = await attempt.ReadAsync(entry.Digest.Value.Id, entry.Digest, token);
                var incident = await attempt.ReadAsync<Incident>(entry.Number.DocumentId, token);
                if (current is null || incident is null)
                    continue;
                if (current.Value.Claim is { } other && now - other.At < ClaimTimeout)
                    continue;
                if (current.Value.PendingSince is null && current.Value.Claim is null)
                    continue;
                var claim = new DigestClaim
                {
                    At = now,
                    RunId = entry.RunId,
                    ReportCount = incident.Value.ReportCount,
                    Markets = incident.Value.Markets,
                    Languages = incident.Value.Languages,
                    Proposes = Proposal(incident.Value, current.Value, now, intake),
                    PendingSince = current.Value.PendingSince ?? current.Value.Claim?.PendingSince,
                };
                attempt.Batch.Replace(current.Value with { Claim = claim, PendingSince = null }, current.ETag);
                var state = await LeaseSummaryAsync(attempt, entry, now, token);
                taken.Add((entry, incident.Value, current.Value, claim, state));
            }
            return taken;
        }, cancellationToken);
        foreach (var (entry, incident, posted, claim, state) in committed.Value)
        {
            entry.Incident = incident;
            entry.Posted = posted;
            entry.Claim = claim;
            entry.State = state is null ? null : committed.Versioned(state);
        }
    }

    /// <summary>
    /// The channel state, leased as a channel sync leases it, when the summary is posted and pinned in this channel and
    /// no sync holds it; otherwise null, and the record asks for a channel sync as before.
    /// </summary>
    private static async Task<IncidentChannelState?> LeaseSummaryAsync(WriteAttempt attempt, DigestRoundEntry entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var state = await attempt.ReadAsync<IncidentChannelState>(IncidentChannelState.IdFor(entry.Number.Value), cancellationToken);
        if (state is null || state.Value.Channel != entry.Channel || state.Value.SummaryMessageId is null || !state.Value.IsSummaryPinned)
            return null;
        if (state.Value.SyncLeasedAt is { } leasedAt && now - leasedAt < ChannelSyncWork.LeaseTimeout)
            return null;
        var leased = state.Value with { SyncLeasedAt = now, SyncLeaseId = entry.RunId };
        attempt.Batch.Replace(leased, state.ETag);
        return leased;
    }

    /// <summary>
    /// Records what each claimed digest posted (or gives a failed one's claim back), releases the summary's lease, and
    /// decides each digest's work item: the dispatcher's own through <see cref="DigestRoundEntry.Outcome"/>, the
    /// others' here, moved to when the next digest is owed or removed.
    /// </summary>
    private async Task RecordAsync(WorkspaceId workspace, DigestRoundEntry[] unit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var interval = rules.Intake.DigestInterval;
        var committed = await writer.WriteAsync(workspace, async (attempt, token) =>
        {
            var outcomes = new List<(DigestRoundEntry Entry, WorkOutcome Outcome)>();
            foreach (var entry in unit)
            {
                var claim = entry.Claim!;
                var current = await attempt.ReadAsync<IntakeDigest>(entry.Digest.Value.Id, token);
                if (current is null || current.Value.Claim?.RunId != claim.RunId)
                {
                    // Taken over after our claim timed out: that run records its own.
                    await ReleaseSummaryAsync(attempt, entry, summaryHash: null, token);
                    outcomes.Add((entry, current?.Value is { PendingSince: not null } owed ? WorkOutcome.RunAgain((owed.LastPostedAt ?? now) + interval) : WorkOutcome.Done));
                    continue;
                }
                if (entry.Failure is not null)
                {
                    attempt.Batch.Replace(current.Value with { Claim = null, PendingSince = current.Value.PendingSince ?? claim.PendingSince ?? claim.At }, current.ETag);
                    await ReleaseSummaryAsync(attempt, entry, summaryHash: null, token);
                    continue;
                }
                // Reports that joined while the claim was being taken did not mark the digest owed (it still was): they are owed now.
                // So are those still coming: while the trend reports, joins leave the digest to the rounds (DigestCadence).
                var incident = await attempt.ReadAsync<Incident>(entry.Number.DocumentId, token);
                var owedStill = incident is not null && incident.Value.ReportCount > claim.ReportCount
                    || DigestCadence.KeepsOwing(incident?.Value, now, rules.Intake);
                var posted = entry.Message;
                var next = current.Value with
                {
                    PendingSince = current.Value.PendingSince ?? (owedStill ? now : null),
                    Claim = null,
                    LastPostedAt = posted is null ? current.Value.LastPostedAt : claim.At,
                    PostedReportCount = claim.ReportCount,
                    PostedMarkets = claim.Markets,
                    PostedLanguages = claim.Languages,
                    ProposedSeverity = claim.Proposes ?? current.Value.ProposedSeverity,
                    LastMessageId = posted?.MessageId ?? current.Value.LastMessageId,
                };
                attempt.Batch.Replace(next, current.ETag);
                // The pinned summary shows the count: brought up to date with each digest, not each report.
                var summaryRecorded = await ReleaseSummaryAsync(attempt, entry, entry.SummaryHash, token);
                if (posted is not null && (!summaryRecorded || entry.SummaryHash is null))
                    work.Add(attempt, new WorkRequest(ChannelSyncWork.WorkKind, entry.Number.DocumentId));
                var outcome = next.PendingSince is not null ? WorkOutcome.RunAgain((next.LastPostedAt ?? now) + interval) : WorkOutcome.Done;
                if (entry.IsOwn)
                {
                    if (outcome.RunAgainAt is null)
                        WorkRun.FinishIn(attempt, workspace.Value);
                }
                else if (outcome.RunAgainAt is { } again)
                {
                    work.Add(attempt, new WorkRequest(IntakeWork.Digest, entry.Number.DocumentId, again));
                }
                else
                {
                    WorkQueue.Remove(attempt, IntakeWork.Digest, entry.Number.DocumentId);
                }
                outcomes.Add((entry, outcome));
            }
            return outcomes;
        }, cancellationToken);
        foreach (var (entry, outcome) in committed.Value)
            entry.Outcome = outcome;
    }

    /// <summary>Gives the channel state's lease back (with the summary's hash once it is in the channel) if the round still holds it.</summary>
    /// <returns>False when the round took no lease, or lost it to a channel sync after it expired.</returns>
    private static async Task<bool> ReleaseSummaryAsync(WriteAttempt attempt, DigestRoundEntry entry, string? summaryHash, CancellationToken cancellationToken)
    {
        if (entry.State is not { } ours)
            return false;
        var current = await attempt.ReadAsync(ours.Value.Id, ours, cancellationToken);
        if (current is null || current.Value.SyncLeaseId != entry.RunId)
            return false;
        var released = current.Value with { SyncLeasedAt = null, SyncLeaseId = null };
        if (summaryHash is not null)
        {
            released = released with { SummaryHash = summaryHash };
            // Only reports joined since the last change posted (a storm): passed over, as a channel sync would.
            if (entry.Incident is { LastNonReportVersion: { } nonReport } incident && nonReport <= released.PostedVersion)
                released = released with { PostedVersion = Math.Max(released.PostedVersion, incident.Version) };
        }
        attempt.Batch.Replace(released, current.ETag);
        return true;
    }
}
