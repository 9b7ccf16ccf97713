using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
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
/// A run takes with its own digest every other digest of the workspace that is due (trends that
/// started together come due together), a slice of <see cref="SliceSize"/> at a time with a pause between
/// slices: each slice's claims are written in one unit and its records in another, and the pinned summary each digest
/// brings up to date is updated in the same round, under the channel state's lease, instead of by a channel sync each
/// (PERFORMANCE.md, issue 13: a hundred digests had cost some five hundred commits and two hundred jobs).
/// </summary>
public sealed partial class IntakeDigestWork(
    IncidentStore incidents,
    DocumentWriter writer,
    ChatPlatforms platforms,
    IncidentSummaryBuilder summaries,
    WorkQueue work,
    IncidentRules rules,
    TimeProvider clock,
    ILogger<IntakeDigestWork> logger) : IWorkHandler
{
    /// <summary>A claim older than this belongs to a run that died.</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(2);

    /// <summary>How soon to look again while the incident's channel is still being opened.</summary>
    public static readonly TimeSpan ChannelWait = TimeSpan.FromSeconds(10);

    /// <summary>The most digests one run takes; the rest are taken by the runs of their own items.</summary>
    public const int MaxRound = 200;

    /// <summary>
    /// Digests a round claims, sends and records together (one claim unit and one record unit: a record writes three
    /// documents each, within a batch's 100) before it pauses for <see cref="SlicePause"/>. A hundred trends that
    /// started together would otherwise send two hundred messages and summary updates in half a second, a burst that
    /// stalls every report answered meanwhile (PERFORMANCE.md, thirty-seventh session). Each slice's digests are next
    /// due a minute after their own claim, so the rounds after a paced one come in slices by themselves.
    /// </summary>
    public const int SliceSize = 10;

    /// <summary>
    /// The pause between a round's slices: a hundred digests take about ten seconds, two hundred (<see cref="MaxRound"/>)
    /// twenty, well within the interval and the claims' timeout. A quarter of a second still made a burst of its own.
    /// </summary>
    public static readonly TimeSpan SlicePause = TimeSpan.FromSeconds(1);

    /// <summary>Sends in flight at once in a round: a chat platform answers each in tens of milliseconds or more.</summary>
    public const int MaxConcurrentSends = 8;

    private static readonly string[] RoundKey = ["intake-digest-round"];

    // One round at a time per workspace in this process: a job that waited for one finds its digest done.
    private readonly IntakeKeyLocks _rounds = new();

    // The digests a running round has taken and not yet recorded, by workspace and incident number.
    private readonly ConcurrentDictionary<(string WorkspaceId, int Number), byte> _taken = new();

    public string Kind => IntakeWork.Digest;

    public async Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
    {
        if (!IncidentNumber.TryParseDocumentId(targetId, out var number))
            return WorkOutcome.Done;
        // Its digest waits in a running round's later slice: the round records its item, and this job need not hold a worker
        // through the pauses. A digest that came due after the round began waits for its turn below (at most MaxRound's slices).
        if (_taken.ContainsKey((workspace.Value, number.Value)))
            return WorkOutcome.TakenByAnotherRun;
        using var turn = await _rounds.EnterAsync(workspace.Value, RoundKey, cancellationToken);
        var now = clock.GetUtcNow();
        var (waitOutcome, own) = await ExamineAsync(workspace, number, isOwn: true, now, cancellationToken);
        if (own is null)
            return waitOutcome;
        List<DigestRoundEntry> round = [own];
        await foreach (var other in OthersDueAsync(workspace, targetId, now, cancellationToken))
            round.Add(other);

        foreach (var entry in round)
            _taken.TryAdd((workspace.Value, entry.Number.Value), 0);
        try
        {
            var first = true;
            foreach (var slice in round.Chunk(SliceSize))
            {
                if (!first)
                {
                    await Task.Delay(SlicePause, clock, cancellationToken);
                    now = clock.GetUtcNow();
                }
                first = false;
                await RunSliceAsync(workspace, slice, now, cancellationToken);
                foreach (var entry in slice)
                    _taken.TryRemove((workspace.Value, entry.Number.Value), out _);
            }
        }
        finally
        {
            foreach (var entry in round)
                _taken.TryRemove((workspace.Value, entry.Number.Value), out _);
        }

        own.Failure?.Throw();
        return own.Outcome; // Done unless its record asked for the next digest (or it was not claimed here: another run records it)
    }

    /// <summary>Claims the slice's digests, sends those claimed, and records them.</summary>
    private async Task RunSliceAsync(WorkspaceId workspace, DigestRoundEntry[] slice, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await ClaimAsync(workspace, slice, now, cancellationToken);
        var claimed = slice.Where(entry => entry.Claim is not null).ToArray();
        if (claimed.Length == 0)
            return;
        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentSends, CancellationToken = cancellationToken },
            async (entry, token) => await SendAsync(workspace, entry, token));
        await RecordAsync(workspace, claimed, now, cancellationToken);
    }

    /// <summary>Whether the digest can be claimed now; if not, when its own run should look again.</summary>
    private async Task<(WorkOutcome Outcome, DigestRoundEntry? Entry)> ExamineAsync(
        WorkspaceId workspace, IncidentNumber number, bool isOwn, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var found = await incidents.FindAsync(workspace, number, cancellationToken);
        var digest = await writer.Documents.ReadAsync<IntakeDigest>(workspace, IntakeDigest.IdFor(number.Value), cancellationToken);
        if (found is null || digest is null)
            return (WorkOutcome.Done, null);
        // Another run is posting: look again soon (it normally records within seconds), at the latest when its claim expires.
        if (digest.Value.Claim is { } held && now - held.At < ClaimTimeout)
            return (WorkOutcome.RunAgain(held.At + ClaimTimeout < now + ChannelWait ? held.At + ClaimTimeout : now + ChannelWait), null);
        if (digest.Value.PendingSince is null && digest.Value.Claim is null)
            return (WorkOutcome.Done, null);
        var due = (digest.Value.LastPostedAt ?? DateTimeOffset.MinValue) + rules.Intake.DigestInterval;
        if (now < due)
            return (WorkOutcome.RunAgain(due), null);
        if (found.Value.Channel is not { } channel)
            return (WorkOutcome.RunAgain(now + ChannelWait), null);
        return (WorkOutcome.Done, new DigestRoundEntry(number, channel, digest, isOwn));
    }

    /// <summary>The workspace's other digests whose items are due now and not failing (a failing one keeps to its own retries).</summary>
    private async IAsyncEnumerable<DigestRoundEntry> OthersDueAsync(
        WorkspaceId workspace, string ownTargetId, DateTimeOffset now, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new DocumentQuery(workspace, WorkItem.DocumentType)
            .Where(WorkItem.Paths.DueAt, FilterOperator.LessThanOrEqual, now + WorkDispatcher.EarlyTolerance)
            .WhereEquals(WorkItem.Paths.Kind, IntakeWork.Digest)
            .WhereEquals(WorkItem.Paths.Attempts, 0)
            // In due order, the order of the embedded store's index on it; without an order it may walk every work item by id.
            .OrderedBy(WorkItem.Paths.DueAt)
            .Take(MaxRound);
        // Read to the end before examining: each examination reads too, and the query's reader is not held open meanwhile.
        var items = new List<WorkItem>();
        await foreach (var item in writer.Documents.QueryAsync<WorkItem>(query, cancellationToken))
            items.Add(item.Value);
        foreach (var item in items)
        {
            if (item.TargetId == ownTargetId || !IncidentNumber.TryParseDocumentId(item.TargetId, out var number))
                continue;
            var (_, entry) = await ExamineAsync(workspace, number, isOwn: false, now, cancellationToken);
            if (entry is not null)
                yield return entry;
        }
    }

    /// <summary>Posts the digest, then brings the pinned summary up to date if the round holds its lease. A failure is kept on the entry.</summary>
    private async Task SendAsync(WorkspaceId workspace, DigestRoundEntry entry, CancellationToken cancellationToken)
    {
        var incident = entry.Incident!;
        var claim = entry.Claim!;
        var platform = platforms.Get(incident.Platform);
        var message = IntakeMessages.Digest(incident, entry.Posted!, claim, rules.Intake.RaiseProposalRate);
        if (message is null)
            return;
        try
        {
            entry.Message = await platform.PostAsync(workspace, entry.Channel, message, cancellationToken, $"digest-{claim.ReportCount}");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            entry.Failure = ExceptionDispatchInfo.Capture(e);
            if (!entry.IsOwn)
                logger.DigestNotSent(e, entry.Number.Value, workspace);
            return;
        }
        logger.DigestPosted(entry.Number.Value, workspace, claim.ReportCount - entry.Posted!.PostedReportCount, claim.Proposes);
        if (entry.State is not { } state)
            return;
        try
        {
            var summary = await summaries.BuildAsync(incident, cancellationToken);
            var hash = ChannelSyncWork.Hash(summary);
            if (hash != state.Value.SummaryHash)
                await platform.UpdateAsync(workspace, new MessageRef(entry.Channel, state.Value.SummaryMessageId!), summary, cancellationToken);
            entry.SummaryHash = hash;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The digest went out; the summary is left to a channel sync, which retries on its own.
            logger.DigestSummaryNotUpdated(e, entry.Number.Value, workspace);
        }
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
}
