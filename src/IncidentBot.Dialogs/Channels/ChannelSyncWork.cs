using System.Security.Cryptography;
using System.Text;
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
/// records its result at once, so a later run only does what is still missing. A run that fails
/// gives the lease back for the retry; one that dies leaves it to expire.
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
        var leaseId = leased.State!.Value.SyncLeaseId!;
        try
        {
            await SyncAsync(workspace, number, incident, leased.State, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever was sent is recorded: give the lease back so the retry goes on at once.
            await ReleaseAsync(incident, leaseId, CancellationToken.None);
            throw;
        }
        await ReleaseAsync(incident, leaseId, cancellationToken);
        return WorkOutcome.Done;
    }

    private async Task<Versioned<IncidentChannelState>> SyncAsync(
        WorkspaceId workspace, IncidentNumber number, Incident incident, Versioned<IncidentChannelState> state, CancellationToken cancellationToken)
    {
        var platform = platforms.Get(incident.Platform);
        var actions = 0;
        if (state.Value.Channel is null)
        {
            if (state.Value.CreationRefusedAt is { } refusedAt && clock.GetUtcNow() < refusedAt + CreationRetryAfterRefusal)
            {
                logger.ChannelStillRefused(incident.Number, workspace, refusedAt, refusedAt + CreationRetryAfterRefusal);
                return await ReportRefusalAsync(incident, platform, state, cancellationToken);
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
                var refused = await SaveAsync(state.Value with { CreationRefusedAt = clock.GetUtcNow(), CreationRefusal = e.Reason }, state.ETag, CancellationToken.None);
                return await ReportRefusalAsync(incident, platform, refused, cancellationToken);
            }
            state = await SaveAsync(state.Value with { Channel = channel.Id, ChannelName = channel.Name }, state.ETag, cancellationToken);
            logger.ChannelCreated(channel.Id.Value, incident.Number, workspace);
            actions++;
        }
        var channelId = state.Value.Channel!.Value;

        if (incident.Channel != channelId)
        {
            var linked = await incidents.UpdateAsync(workspace.Value, number,
                i => IncidentLifecycle.LinkChannel(i, channelId, clock.GetUtcNow()), cancellationToken);
            if (linked.IsSuccess)
                incident = linked.Value.Incident;
        }

        var toInvite = incident.Members().Except(state.Value.Invited).ToArray();
        if (toInvite.Length > 0)
        {
            var refused = await platform.InviteAsync(workspace, channelId, toInvite, cancellationToken);
            foreach (var user in refused)
                logger.InviteRefused(user.Value, incident.Number, workspace);
            // Refused people count as handled: retrying cannot succeed and would block the rest of the sync.
            state = await SaveAsync(state.Value with { Invited = [.. state.Value.Invited, .. toInvite] }, state.ETag, cancellationToken);
            actions++;
        }

        var summary = await summaries.BuildAsync(incident, cancellationToken);
        var summaryHash = Hash(summary);
        if (state.Value.SummaryMessageId is null)
        {
            var posted = await platform.PostAsync(workspace, channelId, summary, cancellationToken, "summary");
            state = await SaveAsync(state.Value with { SummaryMessageId = posted.MessageId, SummaryHash = summaryHash }, state.ETag, cancellationToken);
            actions++;
        }
        else if (state.Value.SummaryHash != summaryHash)
        {
            await platform.UpdateAsync(workspace, new MessageRef(channelId, state.Value.SummaryMessageId), summary, cancellationToken);
            state = await SaveAsync(state.Value with { SummaryHash = summaryHash }, state.ETag, cancellationToken);
            actions++;
        }
        if (!state.Value.IsSummaryPinned)
        {
            await platform.PinAsync(workspace, new MessageRef(channelId, state.Value.SummaryMessageId!), cancellationToken);
            state = await SaveAsync(state.Value with { IsSummaryPinned = true }, state.ETag, cancellationToken);
            actions++;
        }

        // Changes that post nothing (reports joining, summarised by the intake's digest) are passed over
        // without a write each: a storm of thousands of reports costs one write here, not thousands.
        var passedOver = state.Value.PostedVersion;
        await foreach (var change in incidents.ChangesSinceAsync(workspace.Value, number, state.Value.PostedVersion, cancellationToken))
        {
            if (IncidentMessages.ChangePost(change) is not { } post)
            {
                passedOver = change.Version ?? passedOver;
                continue;
            }
            await platform.PostAsync(workspace, channelId, post, cancellationToken, change.Id);
            actions++;
            state = await SaveAsync(state.Value with { PostedVersion = change.Version ?? state.Value.PostedVersion }, state.ETag, cancellationToken);
        }
        if (passedOver > state.Value.PostedVersion)
            state = await SaveAsync(state.Value with { PostedVersion = passedOver }, state.ETag, cancellationToken);

        if (platform.AnnouncementChannel is { } announcements
            && (state.Value.AnnouncedSeverity != incident.Severity || state.Value.AnnouncedStatus != incident.Status))
        {
            var message = IncidentMessages.Announcement(incident, state.Value.AnnouncedSeverity, state.Value.AnnouncedStatus);
            await platform.PostAsync(workspace, announcements, message, cancellationToken, $"announce-{incident.Number}-{incident.Severity}-{incident.Status}");
            state = await SaveAsync(state.Value with { AnnouncedSeverity = incident.Severity, AnnouncedStatus = incident.Status }, state.ETag, cancellationToken);
            actions++;
        }

        logger.Synchronised(incident.Number, workspace, actions);
        return state;
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
        var leaseId = Guid.NewGuid().ToString("N");
        var committed = await writer.WriteAsync<(IncidentChannelState? State, DateTimeOffset? HeldUntil)>(incident.WorkspaceId, async (attempt, token) =>
        {
            var now = clock.GetUtcNow();
            var existing = await attempt.ReadAsync<IncidentChannelState>(IncidentChannelState.IdFor(incident.Number), token);
            if (existing?.Value.SyncLeasedAt is { } leasedAt && now - leasedAt < LeaseTimeout)
                return (null, leasedAt + LeaseTimeout);
            var state = (existing?.Value ?? new IncidentChannelState { WorkspaceId = incident.WorkspaceId, IncidentNumber = incident.Number })
                with { SyncLeasedAt = now, SyncLeaseId = leaseId };
            attempt.Batch.Save(state, existing?.ETag);
            return (state, null);
        }, cancellationToken);
        return committed.Value.State is { } leased ? (committed.Versioned(leased), null) : (null, committed.Value.HeldUntil);
    }

    /// <summary>Gives the lease back, if it is still ours (another run takes over one that expired).</summary>
    private Task<Committed<bool>> ReleaseAsync(Incident incident, string leaseId, CancellationToken cancellationToken) =>
        writer.WriteAsync(incident.WorkspaceId, async (attempt, token) =>
        {
            var current = await attempt.ReadAsync<IncidentChannelState>(IncidentChannelState.IdFor(incident.Number), token);
            if (current is not null && current.Value.SyncLeaseId == leaseId)
                attempt.Batch.Replace(current.Value with { SyncLeasedAt = null, SyncLeaseId = null }, current.ETag);
            return true;
        }, cancellationToken);

    private async Task<Versioned<IncidentChannelState>> SaveAsync(IncidentChannelState state, string etag, CancellationToken cancellationToken) =>
        new(state, await documents.ReplaceAsync(state, etag, cancellationToken));

    private static string Hash(ChatMessage message) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(message, DocumentJson.Options))))[..32];
}
