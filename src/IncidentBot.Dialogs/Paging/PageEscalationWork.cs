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
    public string Kind => PagingWork.Escalate;

    public async Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
    {
        using var activity = IncidentTelemetry.Source.StartActivity("EscalatePage");
        activity?.SetTag(IncidentTelemetry.WorkspaceId, workspace.Value);
        activity?.SetTag(IncidentTelemetry.PageId, targetId);
        // Acknowledged, declined or moved while we decided: the writer decides again on the fresh page.
        var committed = await writer.WriteAsync(workspace, async (unit, token) =>
        {
            var stored = await pages.FindAsync(workspace, targetId, token);
            if (stored is null)
                return Step.Done;
            var page = stored.Value;
            switch (page.Status)
            {
                case PageStatus.Escalated:
                    return new Step(Move.CompleteEscalation, page);
                case PageStatus.Exhausted:
                    return new Step(Move.CompleteExhaustion, page);
                case PageStatus.Pending:
                    break;
                default:
                    return Step.Done; // acknowledged or cancelled since the timer was set
            }
            var now = clock.GetUtcNow();
            if (page.EscalateAt is not { } due)
                return Step.Done;
            if (due > now + WorkDispatcher.EarlyTolerance)
                return new Step(Move.Wait, page, Due: due); // "escalate now" moved it, or the job woke early

            var incident = await incidents.FindAsync(workspace, page.Incident, token);
            if (incident is null || !incident.Value.IsOpen)
            {
                // Cancelled with the work that tells people: its DMs updated, the summary refreshed.
                unit.Batch.Replace(page with { Status = PageStatus.Cancelled, EscalateAt = null, ClosedAt = now }, stored.ETag);
                work.Add(unit, new WorkRequest(PagingWork.Deliver, page.Id));
                work.Add(unit, new WorkRequest(ChannelSyncWork.WorkKind, page.Incident.DocumentId));
                return new Step(Move.Cancelled, page, now - due);
            }
            if (EscalationPlan.Next(page.EscalationPolicy, page.Position) is not { } next)
            {
                var exhausted = page with { Status = PageStatus.Exhausted, EscalateAt = null, ClosedAt = now };
                unit.Batch.Replace(exhausted, stored.ETag);
                unit.Batch.Upsert(ExhaustedEvent(exhausted, now));
                return new Step(Move.Exhausted, exhausted, now - due);
            }
            var escalated = page with
            {
                Status = PageStatus.Escalated,
                EscalateAt = null,
                ClosedAt = now,
                NextPageId = page.IdAt(next),
            };
            unit.Batch.Replace(escalated, stored.ETag);
            unit.Batch.Upsert(EscalatedEvent(escalated, now));
            return new Step(Move.Escalated, escalated, now - due);
        }, cancellationToken);

        var (move, changed, lateness, dueAt) = committed.Value;
        switch (move)
        {
            case Move.Wait:
                return WorkOutcome.RunAgain(dueAt!.Value);
            case Move.Cancelled:
                logger.PageCancelled(workspace, changed!.IncidentNumber, changed.Id);
                Ran(activity, workspace, lateness, "cancelled");
                break;
            case Move.Exhausted:
                logger.PageExhausted(workspace, changed!.IncidentNumber, changed.Id);
                Ran(activity, workspace, lateness, "exhausted");
                await CompleteExhaustionAsync(changed, cancellationToken);
                break;
            case Move.CompleteExhaustion:
                await CompleteExhaustionAsync(changed!, cancellationToken);
                break;
            case Move.Escalated:
                logger.PageEscalated(workspace, changed!.IncidentNumber, changed.Id, changed.NextPageId!);
                Ran(activity, workspace, lateness, "escalated");
                await CompleteEscalationAsync(changed, cancellationToken);
                break;
            case Move.CompleteEscalation:
                await CompleteEscalationAsync(changed!, cancellationToken);
                break;
        }
        return WorkOutcome.Done;
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

    private enum Move
    {
        None,
        Wait,
        Cancelled,
        Exhausted,
        Escalated,
        CompleteExhaustion,
        CompleteEscalation,
    }

    /// <summary>What one look at the page decided (and, for a change, stored), for what follows the commit.</summary>
    private sealed record Step(Move Move, Page? Page = null, TimeSpan Lateness = default, DateTimeOffset? Due = null)
    {
        public static Step Done { get; } = new(Move.None);
    }
}
