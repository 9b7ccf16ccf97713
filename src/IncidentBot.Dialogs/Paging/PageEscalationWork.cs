using System.Diagnostics;
using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Telemetry;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Paging;

/// <summary>
/// The escalation timer of one page. Re-reads the page, checks it is still pending and due
/// and the incident still open, then moves the chain on with the page's ETag: to the next
/// step, or to "exhausted" and the fallback channel. A run that comes twice, early or late
/// finds the page changed, or not yet due, and does nothing; a run that stopped half-way is
/// completed by the next one, since the work item stays until this returns.
/// </summary>
public sealed class PageEscalationWork(
    PageStore pages,
    Pager pager,
    IncidentStore incidents,
    Outbox outbox,
    WorkQueue work,
    DocumentWriter writer,
    TimeProvider clock,
    IncidentMetrics metrics,
    ILogger<PageEscalationWork> logger) : IWorkHandler
{
    private const int MaxConflicts = 8;

    public string Kind => PagingWork.Escalate;

    public async Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
    {
        using var activity = IncidentTelemetry.Source.StartActivity("EscalatePage");
        activity?.SetTag(IncidentTelemetry.WorkspaceId, workspace.Value);
        activity?.SetTag(IncidentTelemetry.PageId, targetId);
        for (var attempt = 0; attempt < MaxConflicts; attempt++)
        {
            var stored = await pages.FindAsync(workspace, targetId, cancellationToken);
            if (stored is null)
                return WorkOutcome.Done;
            var page = stored.Value;
            switch (page.Status)
            {
                case PageStatus.Escalated:
                    await CompleteEscalationAsync(page, cancellationToken);
                    return WorkOutcome.Done;
                case PageStatus.Exhausted:
                    await CompleteExhaustionAsync(page, cancellationToken);
                    return WorkOutcome.Done;
                case PageStatus.Pending:
                    break;
                default:
                    return WorkOutcome.Done; // acknowledged or cancelled since the timer was set
            }
            var now = clock.GetUtcNow();
            if (page.EscalateAt is not { } due)
                return WorkOutcome.Done;
            if (due > now + WorkDispatcher.EarlyTolerance)
                return WorkOutcome.RunAgain(due); // "escalate now" moved it, or the job woke early

            var incident = await incidents.FindAsync(workspace, page.Incident, cancellationToken);
            try
            {
                if (incident is null || !incident.Value.IsOpen)
                {
                    // Cancelled with the work that tells people: its DMs updated, the summary refreshed.
                    await writer.WriteAsync(workspace, (unit, _) =>
                    {
                        unit.Batch.Replace(page with { Status = PageStatus.Cancelled, EscalateAt = null, ClosedAt = now }, stored.ETag);
                        work.Add(unit, new WorkRequest(PagingWork.Deliver, page.Id));
                        work.Add(unit, new WorkRequest(ChannelSyncWork.WorkKind, page.Incident.DocumentId));
                        return Task.FromResult(true);
                    }, cancellationToken);
                    logger.PageCancelled(workspace, page.IncidentNumber, page.Id);
                    Ran(activity, workspace, now - due, "cancelled");
                    return WorkOutcome.Done;
                }
                if (EscalationPlan.Next(page.EscalationPolicy, page.Position) is not { } next)
                {
                    var exhausted = page with { Status = PageStatus.Exhausted, EscalateAt = null, ClosedAt = now };
                    await pages.ReplaceAsync(exhausted, stored.ETag, cancellationToken, ExhaustedEvent(exhausted, now));
                    logger.PageExhausted(workspace, page.IncidentNumber, page.Id);
                    Ran(activity, workspace, now - due, "exhausted");
                    await CompleteExhaustionAsync(exhausted, cancellationToken);
                    return WorkOutcome.Done;
                }
                var escalated = page with
                {
                    Status = PageStatus.Escalated,
                    EscalateAt = null,
                    ClosedAt = now,
                    NextPageId = page.IdAt(next),
                };
                await pages.ReplaceAsync(escalated, stored.ETag, cancellationToken, EscalatedEvent(escalated, now));
                logger.PageEscalated(workspace, page.IncidentNumber, page.Id, escalated.NextPageId);
                Ran(activity, workspace, now - due, "escalated");
                await CompleteEscalationAsync(escalated, cancellationToken);
                return WorkOutcome.Done;
            }
            catch (DocumentConflictException)
            {
                // Acknowledged, declined or moved while we decided: decide again on the fresh page.
            }
        }
        return WorkOutcome.RunAgain(clock.GetUtcNow() + TimeSpan.FromSeconds(5));
    }

    /// <summary>
    /// Lateness counts from the page's due time to the moment the escalation was stored: once per
    /// escalation, by the run whose write won (a rerun finds the page no longer pending).
    /// </summary>
    private void Ran(Activity? activity, WorkspaceId workspace, TimeSpan lateness, string outcome)
    {
        activity?.SetTag(IncidentTelemetry.Outcome, outcome);
        metrics.EscalationRan(workspace, lateness, outcome);
    }

    /// <summary>
    /// The "escalated" event was stored with the page's change; what follows (the next page, its timers,
    /// the channel's notice) is idempotent, so a rerun after a crash repeats it safely.
    /// </summary>
    private async Task CompleteEscalationAsync(Page escalated, CancellationToken cancellationToken)
    {
        var next = await pager.EnsureSuccessorAsync(escalated, cancellationToken);
        if (next is null)
            return;
        await pager.ScheduleAsync(next.Value, cancellationToken);
        var workspace = escalated.Workspace();
        await work.RequestAsync(workspace, PagingWork.Deliver, escalated.Id, null, cancellationToken);
        var incident = await incidents.FindAsync(escalated.Workspace(), escalated.Incident, cancellationToken);
        if (incident?.Value.Channel is { } channel)
        {
            await outbox.SendAsync(workspace, escalated.Platform, "escalated-" + escalated.Id, channel, null,
                PageMessages.Escalated(escalated, next.Value), cancellationToken);
        }
    }

    private async Task CompleteExhaustionAsync(Page exhausted, CancellationToken cancellationToken)
    {
        var workspace = exhausted.Workspace();
        await work.RequestAsync(workspace, PagingWork.Deliver, exhausted.Id, null, cancellationToken);
        await work.RequestAsync(workspace, ChannelSyncWork.WorkKind, exhausted.Incident.DocumentId, null, cancellationToken);
        var incident = await incidents.FindAsync(exhausted.Workspace(), exhausted.Incident, cancellationToken);
        if (incident is null)
            return;
        var message = PageMessages.Exhausted(incident.Value, exhausted);
        if (exhausted.EscalationPolicy.FallbackChannel is { } fallback)
            await outbox.SendAsync(workspace, exhausted.Platform, "exhausted-" + exhausted.Id, fallback, null, message, cancellationToken);
        if (incident.Value.Channel is { } channel && channel != exhausted.EscalationPolicy.FallbackChannel)
            await outbox.SendAsync(workspace, exhausted.Platform, "exhausted-chan-" + exhausted.Id, channel, null, message, cancellationToken);
    }

    /// <summary>Stored with the page's change, so the ledger records the escalation once, with it.</summary>
    private static TimelineEvent EscalatedEvent(Page escalated, DateTimeOffset now) => new()
    {
        Id = TimelineEvent.IdFor(escalated.IncidentNumber, escalated.Id + "-escalated"),
        WorkspaceId = escalated.WorkspaceId,
        IncidentNumber = escalated.IncidentNumber,
        At = escalated.ClosedAt ?? now,
        Kind = TimelineKind.PageEscalated,
        Text = escalated.EscalationPolicy.Name,
        To = escalated.NextPageId,
    };

    private static TimelineEvent ExhaustedEvent(Page exhausted, DateTimeOffset now) => new()
    {
        Id = TimelineEvent.IdFor(exhausted.IncidentNumber, exhausted.Id + "-exhausted"),
        WorkspaceId = exhausted.WorkspaceId,
        IncidentNumber = exhausted.IncidentNumber,
        At = exhausted.ClosedAt ?? now,
        Kind = TimelineKind.PageExhausted,
        Text = exhausted.EscalationPolicy.Name,
    };
}
