using System.Security.Cryptography;
using System.Text.Json;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Channels;

/// <summary>
/// Brings chat in line with the incident record: channel, invitations, pinned summary,
/// change posts, announcements. A run first leases the incident's
/// <see cref="IncidentChannelState"/> (ETag), so of two runs at once — a retry and a late job,
/// or two instances on one store — only one sends; each step checks the state, sends, and
/// records its result before the next call that is not safe to repeat, so a later run only does
/// what is still missing. Results of calls that are safe to repeat (invitations: Slack answers
/// <c>already_in_channel</c>; pins: <c>already_pinned</c>; <c>chat.update</c>) wait for the next
/// write; the channel is recorded in the unit that links it to the incident; the last result is
/// recorded with the lease's release, and the work item deleted in that unit (issue 12). A run that
/// fails gives the lease back (with what it recorded) for the retry; one that dies leaves it to expire.
/// </summary>
public sealed class ChannelSyncWork(
    IncidentStore incidents,
    DocumentWriter writer,
    ChatPlatforms platforms,
    IncidentSummaryBuilder summaries,
    TimeProvider clock,
    ILogger<ChannelSyncWork> logger) : IWorkHandler
{
    private readonly IDocumentStore documents = writer.Documents;

    public const string WorkKind = "channel-sync";

    /// <summary>A lease taken longer ago than this belongs to a run that died with its process.</summary>
    public static readonly TimeSpan LeaseTimeout = TimeSpan.FromMinutes(2);

    /// <summary>How soon to look again when another run holds the lease (it is usually done in well under a second).</summary>
    public static readonly TimeSpan BusyRetry = TimeSpan.FromSeconds(2);

    /// <summary>
    /// After the platform refused a channel for good, later runs (a change to the incident) do not
    /// try again before this, so a broken setting costs one call an hour, not a retry storm; once
    /// an administrator has fixed it, the next change opens the channel.
    /// </summary>
    public static readonly TimeSpan CreationRetryAfterRefusal = TimeSpan.FromHours(1);

    public string Kind => WorkKind;

    public async Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
    {
        if (!IncidentNumber.TryParseDocumentId(targetId, out var number))
            return WorkOutcome.Done;
        var found = await incidents.FindAsync(workspace, number, cancellationToken);
        if (found is null)
            return WorkOutcome.Done;
        var incident = found.Value;
        var leased = await LeaseAsync(incident, cancellationToken);
        if (leased.HeldUntil is { } heldUntil)
        {
            logger.SyncInProgress(incident.Number, workspace);
            var soon = clock.GetUtcNow() + BusyRetry;
            return WorkOutcome.RunAgain(heldUntil < soon ? heldUntil : soon);
        }
        var run = new SyncRun(leased.State!);
        try
        {
            await SyncAsync(workspace, found, run, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever was sent is recorded: give the lease back so the retry goes on at once.
            await ReleaseAsync(run, isDone: false, CancellationToken.None);
            throw;
        }
        await ReleaseAsync(run, isDone: true, cancellationToken);
        return WorkOutcome.Done;
    }

    private async Task SyncAsync(WorkspaceId workspace, Versioned<Incident> found, SyncRun run, CancellationToken cancellationToken)
    {
        var incident = found.Value;
        var number = incident.Key;
        var platform = platforms.Get(incident.Platform);
        var actions = 0;
        if (run.State.Value.Channel is null)
        {
            if (run.State.Value.CreationRefusedAt is { } refusedAt && clock.GetUtcNow() < refusedAt + CreationRetryAfterRefusal)
            {
                logger.ChannelStillRefused(incident.Number, workspace, refusedAt, refusedAt + CreationRetryAfterRefusal);
                run.State = await ReportRefusalAsync(incident, platform, run.State, cancellationToken);
                return;
            }
            ChannelRef channel;
            try
            {
                channel = await platform.CreateChannelAsync(workspace, ChannelNaming.For(incident), incident.IsRestricted, cancellationToken);
            }
            catch (ChannelCreationRefusedException e) when (!cancellationToken.IsCancellationRequested)
            {
                // Retrying cannot help (the Connector answered ConversationNotFound 18 times in 2 minutes
                // for two incidents once): record it, tell people once, and stop.
                logger.ChannelRefused(incident.Number, workspace, e.Reason);
                var refused = run.State = await SaveAsync(run.State.Value with { CreationRefusedAt = clock.GetUtcNow(), CreationRefusal = e.Reason }, run.State.ETag, CancellationToken.None);
                run.State = await ReportRefusalAsync(incident, platform, refused, cancellationToken);
                return;
            }
            (run.State, var linkedNow) = await RecordChannelAsync(found, run.State with { Value = run.State.Value with { Channel = channel.Id, ChannelName = channel.Name } }, cancellationToken);
            if (linkedNow is not null)
                incident = linkedNow;
            logger.ChannelCreated(channel.Id.Value, incident.Number, workspace);
            actions++;
        }
        var channelId = run.State.Value.Channel!.Value;

        if (incident.Channel != channelId)
        {
            var linked = await incidents.UpdateAsync(workspace.Value, number,
                i => IncidentLifecycle.LinkChannel(i, channelId, clock.GetUtcNow()), cancellationToken, known: found);
            if (linked.IsSuccess)
                incident = linked.Value.Incident;
        }

        var toInvite = incident.Members().Except(run.State.Value.Invited).ToArray();
        if (toInvite.Length > 0)
        {
            var refused = await platform.InviteAsync(workspace, channelId, toInvite, cancellationToken);
            foreach (var user in refused)
                logger.InviteRefused(user.Value, incident.Number, workspace);
            // Refused people count as handled: retrying cannot succeed and would block the rest of the sync.
            // Inviting again is harmless, so this is recorded with the next write.
            run.State = Pending(run.State, s => s with { Invited = [.. s.Invited, .. toInvite] });
            actions++;
        }

        var summary = await summaries.BuildAsync(incident, cancellationToken);
        var summaryHash = Hash(summary);
        if (run.State.Value.SummaryMessageId is null)
        {
            var posted = await platform.PostAsync(workspace, channelId, summary, cancellationToken, "summary");
            run.State = await SaveAsync(run.State.Value with { SummaryMessageId = posted.MessageId, SummaryHash = summaryHash }, run.State.ETag, cancellationToken);
            actions++;
        }
        else if (run.State.Value.SummaryHash != summaryHash)
        {
            await platform.UpdateAsync(workspace, new MessageRef(channelId, run.State.Value.SummaryMessageId), summary, cancellationToken);
            run.State = Pending(run.State, s => s with { SummaryHash = summaryHash });
            actions++;
        }
        if (!run.State.Value.IsSummaryPinned)
        {
            await platform.PinAsync(workspace, new MessageRef(channelId, run.State.Value.SummaryMessageId!), cancellationToken);
            run.State = Pending(run.State, s => s with { IsSummaryPinned = true });
            actions++;
        }

        var announcements = platform.AnnouncementChannel;
        var announcementDue = announcements is not null
            && (run.State.Value.AnnouncedSeverity != incident.Severity || run.State.Value.AnnouncedStatus != incident.Status);

        // Changes that post nothing (reports joining, summarised by the intake's digest) are passed over
        // without a write each: a storm of thousands of reports costs one write here, not thousands.
        // Each post is recorded before the next one is sent; the last, when no announcement follows it, is the
        // run's last call and is recorded by the release (a note costs one write fewer, the same as an announcement).
        var passedOver = run.State.Value.PostedVersion;
        (ChatMessage Post, TimelineEvent Change)? unsent = null;
        // Every change since the last one posted is a report joining: pass them over without reading them. A storm's
        // digest asks for a sync every minute, and reading its timeline each time grew with every report it ever had.
        var onlyReports = incident.LastNonReportVersion is { } nonReport && nonReport <= passedOver;
        if (onlyReports)
            passedOver = Math.Max(passedOver, incident.Version);
        var changes = onlyReports ? AsyncEnumerable.Empty<TimelineEvent>() : incidents.ChangesSinceAsync(workspace.Value, number, run.State.Value.PostedVersion, cancellationToken);
        await foreach (var change in changes)
        {
            if (IncidentMessages.ChangePost(change) is not { } post)
            {
                passedOver = change.Version ?? passedOver;
                continue;
            }
            if (unsent is { } earlier)
            {
                await PostChangeAsync(earlier.Post, earlier.Change);
                run.State = await SaveAsync(run.State.Value with { PostedVersion = earlier.Change.Version ?? run.State.Value.PostedVersion }, run.State.ETag, cancellationToken);
            }
            unsent = (post, change);
        }
        if (unsent is { } last)
        {
            await PostChangeAsync(last.Post, last.Change);
            var posted = run.State.Value with { PostedVersion = last.Change.Version ?? run.State.Value.PostedVersion };
            run.State = announcementDue
                ? await SaveAsync(posted, run.State.ETag, cancellationToken)
                : Pending(run.State, _ => posted);
        }
        if (passedOver > run.State.Value.PostedVersion)
            run.State = Pending(run.State, s => s with { PostedVersion = passedOver });

        if (announcementDue)
        {
            var message = IncidentMessages.Announcement(incident, run.State.Value.AnnouncedSeverity, run.State.Value.AnnouncedStatus);
            await platform.PostAsync(workspace, announcements!.Value, message, cancellationToken, $"announce-{incident.Number}-{incident.Severity}-{incident.Status}");
            // The last call of the run: recorded by the release, with no other call in between.
            run.State = Pending(run.State, s => s with { AnnouncedSeverity = incident.Severity, AnnouncedStatus = incident.Status });
            actions++;
        }

        logger.Synchronised(incident.Number, workspace, actions);

        async Task PostChangeAsync(ChatMessage post, TimelineEvent change)
        {
            await platform.PostAsync(workspace, channelId, post, cancellationToken, change.Id);
            actions++;
        }
    }

    /// <summary>
    /// Tells the declarer and the announcement channel, each once (the flag is stored after each
    /// send, so a failed send is retried by the job and a sent one is not repeated).
    /// </summary>
    private async Task<Versioned<IncidentChannelState>> ReportRefusalAsync(
        Incident incident, IChatPlatform platform, Versioned<IncidentChannelState> state, CancellationToken cancellationToken)
    {
        var workspace = incident.Workspace();
        var notice = IncidentMessages.ChannelRefused(incident, state.Value.CreationRefusal ?? "unknown");
        if (!state.Value.IsRefusalSentToReporter)
        {
            await platform.SendDirectAsync(workspace, incident.Reporter, notice, cancellationToken);
            state = await SaveAsync(state.Value with { IsRefusalSentToReporter = true }, state.ETag, cancellationToken);
        }
        if (!state.Value.IsRefusalAnnounced)
        {
            if (platform.AnnouncementChannel is { } announcements)
                await platform.PostAsync(workspace, announcements, notice, cancellationToken, $"refused-{incident.Number}");
            state = await SaveAsync(state.Value with { IsRefusalAnnounced = true }, state.ETag, cancellationToken);
        }
        return state;
    }

    /// <summary>Takes the incident's channel state for this run (creating it the first time), unless another live run holds it.</summary>
    private async Task<(Versioned<IncidentChannelState>? State, DateTimeOffset? HeldUntil)> LeaseAsync(Incident incident, CancellationToken cancellationToken)
    {
        var leaseId = UniqueIds.NextHex();
        var committed = await writer.WriteAsync<(IncidentChannelState? State, DateTimeOffset? HeldUntil)>(incident.WorkspaceId, async (attempt, token) =>
        {
            var now = clock.GetUtcNow();
            // An incident without a channel usually has no state yet (its first run): try the create unread;
            // if a state exists after all, the create conflicts and the retry reads it.
            var existing = incident.Channel is null && !attempt.IsRetry
                ? null
                : await attempt.ReadAsync<IncidentChannelState>(IncidentChannelState.IdFor(incident.Number), token);
            if (existing?.Value.SyncLeasedAt is { } leasedAt && now - leasedAt < LeaseTimeout)
                return (null, leasedAt + LeaseTimeout);
            var state = (existing?.Value ?? new IncidentChannelState { WorkspaceId = incident.WorkspaceId, IncidentNumber = incident.Number })
                with { SyncLeasedAt = now, SyncLeaseId = leaseId };
            attempt.Batch.Save(state, existing?.ETag);
            return (state, null);
        }, cancellationToken);
        return committed.Value.State is { } leased ? (committed.Versioned(leased), null) : (null, committed.Value.HeldUntil);
    }

    /// <summary>
    /// Stores the channel just created in the unit that links it to the incident (with its event), so the
    /// creation is recorded before any other call. If the incident refuses the link (gone, changed by many
    /// at once), the state is saved on its own as before. A retry finding the lease taken over stops the run,
    /// as a lost save did: the other run owns the state now.
    /// </summary>
    /// <returns>The state as stored, and the incident as linked (null when it was not linked here).</returns>
    private async Task<(Versioned<IncidentChannelState> State, Incident? Linked)> RecordChannelAsync(
        Versioned<Incident> found, Versioned<IncidentChannelState> state, CancellationToken cancellationToken)
    {
        var incident = found.Value;
        var channel = state.Value.Channel!.Value;
        if (incident.Channel == channel)
            return (await SaveAsync(state.Value, state.ETag, cancellationToken), null);
        try
        {
            var linked = await incidents.UpdateCommittedAsync(incident.WorkspaceId, incident.Key,
                i => IncidentLifecycle.LinkChannel(i, channel, clock.GetUtcNow()),
                async (attempt, _, token) =>
                {
                    var current = await attempt.ReadAsync(state.Value.Id, state, token);
                    if (current is null || current.Value.SyncLeaseId != state.Value.SyncLeaseId)
                        throw new DocumentConflictException(incident.WorkspaceId, state.Value.Id, alreadyExists: false);
                    attempt.Batch.Replace(state.Value, current.ETag);
                },
                cancellationToken, known: found);
            if (linked.Value.IsSuccess)
                return (linked.Result.Versioned(state.Value), linked.Value.Value.Incident);
        }
        catch (DocumentConflictException e) when (e.DocumentId != state.Value.Id)
        {
            // The incident stayed busy: the channel must still be recorded before anything else is sent.
        }
        return (await SaveAsync(state.Value, state.ETag, cancellationToken), null);
    }

    /// <summary>
    /// Gives the lease back with what the run has not yet recorded, if the lease is still ours (another run
    /// takes over one that expired); a run that is done deletes its work item in the same unit.
    /// </summary>
    private Task<Committed<bool>> ReleaseAsync(SyncRun run, bool isDone, CancellationToken cancellationToken)
    {
        var ours = run.State;
        return writer.WriteAsync(ours.Value.WorkspaceId, async (attempt, token) =>
        {
            var current = await attempt.ReadAsync(ours.Value.Id, ours, token);
            if (current is null || current.Value.SyncLeaseId != ours.Value.SyncLeaseId)
                return false;
            // Only this run writes the state while it holds the lease, so what it holds is the state.
            attempt.Batch.Replace(ours.Value with { SyncLeasedAt = null, SyncLeaseId = null }, current.ETag);
            if (isDone)
                WorkRun.FinishIn(attempt, ours.Value.WorkspaceId);
            return true;
        }, cancellationToken);
    }

    /// <summary>A result of a call that is safe to repeat: kept with the state, written with the next write.</summary>
    private static Versioned<IncidentChannelState> Pending(Versioned<IncidentChannelState> state, Func<IncidentChannelState, IncidentChannelState> change) =>
        state with { Value = change(state.Value) };

    private async Task<Versioned<IncidentChannelState>> SaveAsync(IncidentChannelState state, string etag, CancellationToken cancellationToken) =>
        new(state, await documents.ReplaceAsync(state, etag, cancellationToken));

    /// <summary>The state of one run as it goes: written, or with results still to record (see <see cref="Pending"/>).</summary>
    private sealed class SyncRun(Versioned<IncidentChannelState> state)
    {
        public Versioned<IncidentChannelState> State { get; set; } = state;
    }

    // The first half of the SHA-256 of the message's JSON, in hex: straight from the serialiser's UTF-8, not through a string,
    // into the thread's scratch buffer (a summary is a few KiB, built and hashed at every sync).
    internal static string Hash(ChatMessage message)
    {
        var buffer = ScratchBuffer.Rent();
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        using (var json = new Utf8JsonWriter(buffer))
            JsonSerializer.Serialize(json, message, DocumentJson.Options);
        SHA256.HashData(buffer.WrittenSpan, hash);
        ScratchBuffer.Return(buffer);
        return Convert.ToHexString(hash[..16]);
    }
}
