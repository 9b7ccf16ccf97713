using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging.Schedules;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Telemetry;
using IncidentBot.Dialogs.Time;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Paging;

/// <summary>
/// Brings the direct messages of one page in line with the page: looks up the step's people
/// once (recorded on the page), sends each a message while the page is pending, and updates
/// the messages already sent when the chain is acknowledged, escalated or closed. Each result
/// is recorded at once, so a rerun sends nothing twice and updates rather than re-posts.
/// </summary>
public sealed class PageDeliveryWork(
    PageStore pages,
    Pager pager,
    StepTargetResolver resolver,
    IncidentStore incidents,
    ChatPlatforms platforms,
    UserDirectory users,
    IOnCallConfigSource config,
    Outbox outbox,
    WorkQueue work,
    DocumentWriter writer,
    ClaimedSend sends,
    TimeProvider clock,
    IncidentMetrics metrics,
    ILogger<PageDeliveryWork> logger) : IWorkHandler
{
    /// <summary>A send claimed longer ago than this without a recorded message is taken to have died with its process.</summary>
    public static readonly TimeSpan SendClaimTimeout = TimeSpan.FromMinutes(2);

    public string Kind => PagingWork.Deliver;

    public async Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
    {
        var stored = await pages.FindAsync(workspace, targetId, cancellationToken);
        if (stored is null)
            return WorkOutcome.Done;
        if (!stored.Value.AreTargetsResolved)
        {
            if (!stored.Value.IsPending)
                return WorkOutcome.Done; // answered before anyone was looked up: nobody to tell
            stored = await ResolveTargetsAsync(stored, cancellationToken);
            if (stored is null)
                return WorkOutcome.Done;
        }
        var incident = await incidents.FindAsync(workspace, stored.Value.Incident, cancellationToken);
        if (incident is null)
            return WorkOutcome.Done;
        var platform = platforms.Get(stored.Value.Platform);
        var head = await pager.HeadAsync(stored, cancellationToken) ?? stored;
        DateTimeOffset? lookAgainAt = null;

        foreach (var target in stored.Value.Targets)
        {
            var message = PageMessages.DirectMessage(incident.Value, stored.Value, head.Value, target);
            var hash = PageMessages.Hash(message);
            if (target.Message is null)
            {
                if (!stored.Value.IsPending)
                    continue; // answered before this person's message went out: no need to wake them
                var result = await sends.RunAsync(workspace.Value,
                    (attempt, token) => ClaimSendAsync(attempt, stored.Value.Id, target.User, token),
                    (_, token) => platform.SendDirectAsync(workspace, target.User, message, token),
                    async (attempt, _, sent, token) =>
                    {
                        var zone = await users.TimeZoneOfAsync(stored.Value.Platform, workspace, target.User, TimeZoneInfo.Utc, token);
                        var local = ZonedTime.Local(clock.GetUtcNow(), zone);
                        return await PageStore.UpdateTargetAsync(attempt, stored.Value.Id, target.User, t => t with
                        {
                            Message = sent,
                            ShownHash = hash,
                            SentAt = clock.GetUtcNow(),
                            IsNight = (config.Current ?? new OnCallConfig()).IsNight(TimeOnly.FromDateTime(local)),
                            IsWeekend = local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday,
                        }, token);
                    },
                    async (attempt, _, token) =>
                    {
                        logger.PageSendFailed(workspace, stored.Value.IncidentNumber, stored.Value.Id);
                        await PageStore.UpdateTargetAsync(attempt, stored.Value.Id, target.User, t => t with { SendClaimedAt = null }, token);
                    },
                    cancellationToken);
                switch (result.Status)
                {
                    case ClaimedSendStatus.NotClaimed:
                        // Another run is sending it: keep the work and look again if that run dies without recording it.
                        if (result.Claim is { } busyUntil && busyUntil != DateTimeOffset.MinValue)
                            lookAgainAt = lookAgainAt is { } earlier && earlier < busyUntil ? earlier : busyUntil;
                        continue;
                    case ClaimedSendStatus.Contended:
                        lookAgainAt = clock.GetUtcNow(); // the page kept changing under the claim: look again at once
                        continue;
                }
                logger.PageSent(workspace, stored.Value.IncidentNumber, stored.Value.Id, target.User.Value);
                metrics.PageSent(workspace);
            }
            else if (target.ShownHash != hash)
            {
                await platform.UpdateAsync(workspace, target.Message, message, cancellationToken);
                await pages.UpdateTargetAsync(workspace.Value, stored.Value.Id, target.User, t => t with { ShownHash = hash }, cancellationToken);
            }
        }
        return lookAgainAt is { } again ? WorkOutcome.RunAgain(again) : WorkOutcome.Done;
    }

    /// <summary>
    /// Marks one person's message as being sent, with the page's ETag: of two runs at once only
    /// one sends. A claim older than <see cref="SendClaimTimeout"/> belongs to a run that died.
    /// </summary>
    /// <returns>Claimed when this run may send; otherwise until when another run holds it (MinValue: nothing left to send).</returns>
    private async Task<SendClaim<DateTimeOffset?>> ClaimSendAsync(WriteAttempt attempt, string pageId, UserId user, CancellationToken cancellationToken)
    {
        var stored = await attempt.ReadAsync<Page>(pageId, cancellationToken);
        var target = stored?.Value.Targets.FirstOrDefault(t => t.User == user);
        var now = clock.GetUtcNow();
        if (stored is null || target is null || target.Message is not null || !stored.Value.IsPending)
            return SendClaim.NotClaimed<DateTimeOffset?>(DateTimeOffset.MinValue);
        if (target.SendClaimedAt is { } claimed && now - claimed < SendClaimTimeout)
            return SendClaim.NotClaimed<DateTimeOffset?>(claimed + SendClaimTimeout);
        attempt.Batch.Replace(stored.Value with { Targets = [.. stored.Value.Targets.Select(t => t.User == user ? t with { SendClaimedAt = now } : t)] }, stored.ETag);
        return SendClaim.Claimed<DateTimeOffset?>(null);
    }

    /// <summary>Looks the step's people up once and records them; with nobody reachable, the page escalates now.</summary>
    private async Task<Versioned<Page>?> ResolveTargetsAsync(Versioned<Page> stored, CancellationToken cancellationToken)
    {
        var (users, unreachable) = await resolver.ResolveAsync(stored.Value, cancellationToken);
        var workspace = stored.Value.Workspace();
        var now = clock.GetUtcNow();
        var committed = await writer.WriteAsync(workspace, async (attempt, token) =>
        {
            var current = await attempt.ReadAsync(stored.Value.Id, stored, token);
            // Someone answered or another run resolved it first; go on with what is stored.
            if (current is null || current.Value.AreTargetsResolved || !current.Value.IsPending)
                return new Resolution(current is { Value.AreTargetsResolved: true } ? current : null, null);
            var resolved = current.Value with
            {
                AreTargetsResolved = true,
                Targets = [.. users.Select(u => new PageTarget { User = u })],
                Unreachable = unreachable,
                EscalateAt = users.Count == 0 ? now : current.Value.EscalateAt,
            };
            attempt.Batch.Replace(resolved, current.ETag);
            return new Resolution(null, resolved);
        }, cancellationToken);
        if (committed.Value.Written is not { } resolved)
            return committed.Value.Stored;
        stored = committed.Versioned(resolved);
        if (unreachable.Count > 0)
        {
            logger.Unreachable(workspace, resolved.IncidentNumber, resolved.Id, unreachable.Count);
            var incident = await incidents.FindAsync(workspace, resolved.Incident, cancellationToken);
            if (incident?.Value.Channel is { } channel)
                await outbox.SendAsync(workspace, resolved.Platform, "unreachable-" + resolved.Id, channel, null, PageMessages.Unreachable(resolved), cancellationToken);
        }
        if (users.Count == 0)
            await work.RequestAsync(workspace, PagingWork.Escalate, resolved.Id, now, cancellationToken);
        await work.RequestAsync(workspace, ChannelSyncWork.WorkKind, resolved.Incident.DocumentId, null, cancellationToken);
        return stored;
    }

    /// <summary>What resolving found: the page as stored by someone else (null: nothing to deliver), or the page this run wrote.</summary>
    private sealed record Resolution(Versioned<Page>? Stored, Page? Written);
}
