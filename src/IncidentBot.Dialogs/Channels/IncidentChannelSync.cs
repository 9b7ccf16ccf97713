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
/// change posts, announcements. Each step checks <see cref="IncidentChannelState"/> first
/// and records its result at once, so a rerun (retry, duplicate job, restart) only does
/// what is still missing.
/// </summary>
public sealed class IncidentChannelSync(
    IncidentStore incidents,
    IDocumentStore documents,
    ChatPlatforms platforms,
    IncidentSummaryBuilder summaries,
    TimeProvider clock,
    ILogger<IncidentChannelSync> logger) : IWorkHandler
{
    public const string WorkKind = "channel-sync";

    /// <summary>A channel creation claimed longer ago than this is taken to have died with its process.</summary>
    public static readonly TimeSpan CreationClaimTimeout = TimeSpan.FromMinutes(2);

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
        var found = await incidents.FindAsync(workspace.Value, number, cancellationToken);
        if (found is null)
            return WorkOutcome.Done;
        var incident = found.Value;
        var platform = platforms.Get(incident.Platform);
        var state = await LoadStateAsync(incident, cancellationToken);
        var actions = 0;

        if (state.Value.Channel is null)
        {
            if (state.Value.CreationRefusedAt is { } refusedAt && clock.GetUtcNow() < refusedAt + CreationRetryAfterRefusal)
            {
                logger.ChannelStillRefused(incident.Number, workspace.Value, refusedAt, refusedAt + CreationRetryAfterRefusal);
                await ReportRefusalAsync(incident, platform, state, cancellationToken);
                return WorkOutcome.Done;
            }
            var claimed = await ClaimCreationAsync(state, cancellationToken);
            if (claimed is null)
            {
                logger.CreationInProgress(incident.Number, workspace.Value);
                return WorkOutcome.RunAgain(clock.GetUtcNow() + TimeSpan.FromSeconds(30));
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
                logger.ChannelRefused(incident.Number, workspace.Value, e.Reason);
                var refused = await SaveAsync(claimed.Value with
                {
                    CreationClaimedAt = null,
                    CreationRefusedAt = clock.GetUtcNow(),
                    CreationRefusal = e.Reason,
                }, claimed.ETag, CancellationToken.None);
                await ReportRefusalAsync(incident, platform, refused, cancellationToken);
                return WorkOutcome.Done;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // No channel was made: release the claim so the retry (or a restarted process) tries at once.
                await documents.ReplaceAsync(claimed.Value with { CreationClaimedAt = null }, claimed.ETag, CancellationToken.None);
                throw;
            }
            state = await SaveAsync(claimed.Value with { Channel = channel.Id, ChannelName = channel.Name, CreationClaimedAt = null }, claimed.ETag, cancellationToken);
            logger.ChannelCreated(channel.Id.Value, incident.Number, workspace.Value);
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
                logger.InviteRefused(user.Value, incident.Number, workspace.Value);
            // Refused people count as handled: retrying cannot succeed and would block the rest of the sync.
            state = await SaveAsync(state.Value with { Invited = [.. state.Value.Invited, .. toInvite] }, state.ETag, cancellationToken);
            actions++;
        }

        var summary = await summaries.BuildAsync(incident, cancellationToken);
        var summaryHash = Hash(summary);
        if (state.Value.SummaryMessageId is null)
        {
            var posted = await platform.PostAsync(workspace, channelId, summary, cancellationToken);
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

        await foreach (var change in incidents.ChangesSinceAsync(workspace.Value, number, state.Value.PostedVersion, cancellationToken))
        {
            if (IncidentMessages.ChangePost(change) is { } post)
            {
                await platform.PostAsync(workspace, channelId, post, cancellationToken);
                actions++;
            }
            state = await SaveAsync(state.Value with { PostedVersion = change.Version ?? state.Value.PostedVersion }, state.ETag, cancellationToken);
        }

        if (platform.AnnouncementChannel is { } announcements
            && (state.Value.AnnouncedSeverity != incident.Severity || state.Value.AnnouncedStatus != incident.Status))
        {
            var message = IncidentMessages.Announcement(incident, state.Value.AnnouncedSeverity, state.Value.AnnouncedStatus);
            await platform.PostAsync(workspace, announcements, message, cancellationToken);
            state = await SaveAsync(state.Value with { AnnouncedSeverity = incident.Severity, AnnouncedStatus = incident.Status }, state.ETag, cancellationToken);
            actions++;
        }

        logger.Synchronised(incident.Number, workspace.Value, actions);
        return WorkOutcome.Done;
    }

    /// <summary>
    /// Tells the declarer and the announcement channel, each once (the flag is stored after each
    /// send, so a failed send is retried by the job and a sent one is not repeated).
    /// </summary>
    private async Task ReportRefusalAsync(Incident incident, IChatPlatform platform, Versioned<IncidentChannelState> state, CancellationToken cancellationToken)
    {
        var workspace = new WorkspaceId(incident.WorkspaceId);
        var notice = IncidentMessages.ChannelRefused(incident, state.Value.CreationRefusal ?? "unknown");
        if (!state.Value.IsRefusalSentToReporter)
        {
            await platform.SendDirectAsync(workspace, incident.Reporter, notice, cancellationToken);
            state = await SaveAsync(state.Value with { IsRefusalSentToReporter = true }, state.ETag, cancellationToken);
        }
        if (!state.Value.IsRefusalAnnounced)
        {
            if (platform.AnnouncementChannel is { } announcements)
                await platform.PostAsync(workspace, announcements, notice, cancellationToken);
            await SaveAsync(state.Value with { IsRefusalAnnounced = true }, state.ETag, cancellationToken);
        }
    }

    private async Task<Versioned<IncidentChannelState>> LoadStateAsync(Incident incident, CancellationToken cancellationToken)
    {
        var id = IncidentChannelState.IdFor(incident.Number);
        var existing = await documents.ReadAsync<IncidentChannelState>(incident.WorkspaceId, id, cancellationToken);
        if (existing is not null)
            return existing;
        var fresh = new IncidentChannelState { WorkspaceId = incident.WorkspaceId, IncidentNumber = incident.Number };
        try
        {
            return new(fresh, await documents.CreateAsync(fresh, cancellationToken));
        }
        catch (DocumentConflictException)
        {
            return await documents.ReadAsync<IncidentChannelState>(incident.WorkspaceId, id, cancellationToken)
                ?? throw new InvalidOperationException($"Channel state {id} vanished while being created.");
        }
    }

    /// <summary>
    /// Marks the state "creating" with its ETag, so of two runs at once only one creates the
    /// channel; the other finds the claim and comes back later.
    /// </summary>
    private async Task<Versioned<IncidentChannelState>?> ClaimCreationAsync(Versioned<IncidentChannelState> state, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (state.Value.CreationClaimedAt is { } claimedAt && now - claimedAt < CreationClaimTimeout)
            return null;
        try
        {
            return await SaveAsync(state.Value with { CreationClaimedAt = now }, state.ETag, cancellationToken);
        }
        catch (DocumentConflictException)
        {
            return null;
        }
    }

    private async Task<Versioned<IncidentChannelState>> SaveAsync(IncidentChannelState state, string etag, CancellationToken cancellationToken) =>
        new(state, await documents.ReplaceAsync(state, etag, cancellationToken));

    private static string Hash(ChatMessage message) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(message, DocumentJson.Options))))[..32];
}
