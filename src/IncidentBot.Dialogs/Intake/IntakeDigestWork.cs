using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Rules;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Intake;

/// <summary>
/// Posts the digest an incident's channel is owed (work kind <c>intake-digest</c>): at most one
/// per <see cref="IntakeRules.DigestInterval"/>, never one per report. Claim (the digest
/// document's ETag, clearing what is owed), send, record; a failed send gives the claim back, and
/// a report stored after the claim leaves a digest owed again, so no report goes unmentioned.
/// </summary>
public sealed class IntakeDigestWork(
    IncidentStore incidents,
    DocumentWriter writer,
    ChatPlatforms platforms,
    WorkQueue work,
    IncidentRules rules,
    TimeProvider clock,
    ILogger<IntakeDigestWork> logger) : IWorkHandler
{
    /// <summary>A claim older than this belongs to a run that died.</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(2);

    /// <summary>How soon to look again while the incident's channel is still being opened.</summary>
    public static readonly TimeSpan ChannelWait = TimeSpan.FromSeconds(10);

    public string Kind => IntakeWork.Digest;

    public async Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
    {
        if (!IncidentNumber.TryParseDocumentId(targetId, out var number))
            return WorkOutcome.Done;
        var intake = rules.Intake;
        var found = await incidents.FindAsync(workspace, number, cancellationToken);
        var digest = await writer.Documents.ReadAsync<IntakeDigest>(workspace, IntakeDigest.IdFor(number.Value), cancellationToken);
        if (found is null || digest is null)
            return WorkOutcome.Done;
        var now = clock.GetUtcNow();
        // Another run is posting: look again soon (it normally records within seconds), at the latest when its claim expires.
        if (digest.Value.Claim is { } held && now - held.At < ClaimTimeout)
            return WorkOutcome.RunAgain(held.At + ClaimTimeout < now + ChannelWait ? held.At + ClaimTimeout : now + ChannelWait);
        if (digest.Value.PendingSince is null && digest.Value.Claim is null)
            return WorkOutcome.Done;
        var due = (digest.Value.LastPostedAt ?? DateTimeOffset.MinValue) + intake.DigestInterval;
        if (now < due)
            return WorkOutcome.RunAgain(due);
        if (found.Value.Channel is not { } channel)
            return WorkOutcome.RunAgain(now + ChannelWait);

        var runId = UniqueIds.NextHex();
        var claimed = await writer.WriteAsync<(Incident Incident, IntakeDigest Posted, DigestClaim Claim)?>(workspace.Value, async (attempt, token) =>
        {
            var current = await attempt.ReadAsync<IntakeDigest>(digest.Value.Id, token);
            var incident = await attempt.ReadAsync<Incident>(number.DocumentId, token);
            if (current is null || incident is null)
                return null;
            if (current.Value.Claim is { } other && now - other.At < ClaimTimeout)
                return null;
            if (current.Value.PendingSince is null && current.Value.Claim is null)
                return null;
            var claim = new DigestClaim
            {
                At = now,
                RunId = runId,
                ReportCount = incident.Value.ReportCount,
                Markets = incident.Value.Markets,
                Languages = incident.Value.Languages,
                Proposes = Proposal(incident.Value, current.Value, now, intake),
                PendingSince = current.Value.PendingSince ?? current.Value.Claim?.PendingSince,
            };
            attempt.Batch.Replace(current.Value with { Claim = claim, PendingSince = null }, current.ETag);
            return (incident.Value, current.Value, claim);
        }, cancellationToken);
        if (claimed.Value is not { } run)
            return WorkOutcome.Done;

        var message = IntakeMessages.Digest(run.Incident, run.Posted, run.Claim, intake.RaiseProposalRate);
        MessageRef? posted = null;
        if (message is not null)
        {
            try
            {
                posted = await platforms.Get(run.Incident.Platform).PostAsync(workspace, channel, message, cancellationToken,
                    $"digest-{run.Claim.ReportCount}");
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                await ReleaseAsync(workspace, digest.Value.Id, run.Claim, CancellationToken.None);
                throw;
            }
            logger.DigestPosted(number.Value, workspace, run.Claim.ReportCount - run.Posted.PostedReportCount, run.Claim.Proposes);
        }

        var recorded = await writer.WriteAsync<IntakeDigest?>(workspace, async (attempt, token) =>
        {
            var current = await attempt.ReadAsync<IntakeDigest>(digest.Value.Id, token);
            if (current is null || current.Value.Claim?.RunId != runId)
                return current?.Value; // taken over after our claim timed out: that run records its own
            // Reports that joined while the claim was being taken did not mark the digest owed (it still was): they are owed now.
            var incident = await attempt.ReadAsync<Incident>(number.DocumentId, token);
            var missed = incident is not null && incident.Value.ReportCount > run.Claim.ReportCount;
            var next = current.Value with
            {
                PendingSince = current.Value.PendingSince ?? (missed ? now : null),
                Claim = null,
                LastPostedAt = posted is null ? current.Value.LastPostedAt : run.Claim.At,
                PostedReportCount = run.Claim.ReportCount,
                PostedMarkets = run.Claim.Markets,
                PostedLanguages = run.Claim.Languages,
                ProposedSeverity = run.Claim.Proposes ?? current.Value.ProposedSeverity,
                LastMessageId = posted?.MessageId ?? current.Value.LastMessageId,
            };
            attempt.Batch.Replace(next, current.ETag);
            // The pinned summary shows the count: brought up to date with each digest, not each report.
            if (posted is not null)
                work.Add(attempt, new WorkRequest(ChannelSyncWork.WorkKind, number.DocumentId));
            return next;
        }, cancellationToken);
        return recorded.Value is { PendingSince: not null } owed
            ? WorkOutcome.RunAgain((owed.LastPostedAt ?? now) + intake.DigestInterval)
            : WorkOutcome.Done;
    }

    /// <summary>One step more severe, when the reports since the last digest came faster than the intake rules' rate and that step was not proposed yet.</summary>
    private static Severity? Proposal(Incident incident, IntakeDigest posted, DateTimeOffset now, IntakeRules intake)
    {
        if (!incident.IsOpen || incident.Severity == Severity.Sev1)
            return null;
        var rate = IntakeMessages.Rate(incident.ReportCount - posted.PostedReportCount, now - (posted.LastPostedAt ?? incident.DeclaredAt));
        if (rate < intake.RaiseProposalRate)
            return null;
        var target = incident.Severity - 1;
        return posted.ProposedSeverity is { } proposed && proposed <= target ? null : target;
    }

    private async Task ReleaseAsync(WorkspaceId workspace, string digestId, DigestClaim claim, CancellationToken cancellationToken) =>
        await writer.WriteAsync(workspace, async (attempt, token) =>
        {
            var current = await attempt.ReadAsync<IntakeDigest>(digestId, token);
            if (current is not null && current.Value.Claim?.RunId == claim.RunId)
                attempt.Batch.Replace(current.Value with { Claim = null, PendingSince = current.Value.PendingSince ?? claim.PendingSince ?? claim.At }, current.ETag);
            return true;
        }, cancellationToken);
}
