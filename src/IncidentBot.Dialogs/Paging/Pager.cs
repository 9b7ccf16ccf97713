using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Paging;

/// <summary>
/// Starts paging a policy for an incident: stores the first page (once: its id is derived
/// from incident, policy and the chain's stored random token) and its two timers, delivery now
/// and escalation at the step's wait. Only store writes and job scheduling: safe on a request thread.
/// </summary>
public sealed class Pager(PageStore pages, WorkQueue work, TimeProvider clock, ILogger<Pager> logger)
{
    /// <returns>The chain's first page, and whether this call started it (false: it was already paged).</returns>
    public async Task<(Page Page, bool IsNew)> StartAsync(
        Incident incident, EscalationPolicy policy, string? reason, UserId? requestedBy, CancellationToken cancellationToken)
    {
        var workspace = incident.Workspace();
        var token = await pages.ChainTokenAsync(workspace, incident.Number, policy.Id, cancellationToken);
        var now = clock.GetUtcNow();
        var first = new Page
        {
            Id = Page.IdFor(incident.Number, policy.Id, token, EscalationPosition.First),
            WorkspaceId = incident.WorkspaceId,
            Platform = incident.Platform,
            IncidentNumber = incident.Number,
            EscalationPolicy = policy,
            Step = 0,
            Attempt = 0,
            ChainToken = token,
            Status = PageStatus.Pending,
            Reason = reason,
            RequestedBy = requestedBy,
            CreatedAt = now,
            EscalateAt = now + policy.Steps[0].Wait,
        };
        // The page and its "paged" event: one unit, so the record of a page sent is never lost between the two.
        var (stored, isNew) = await pages.CreateOnceAsync(first, cancellationToken, new TimelineEvent
        {
            Id = TimelineEvent.IdFor(incident.Number, first.Id),
            WorkspaceId = incident.WorkspaceId,
            IncidentNumber = incident.Number,
            At = now,
            Actor = requestedBy,
            Kind = TimelineKind.Paged,
            Text = policy.Name,
        });
        if (isNew)
            logger.Paged(workspace, incident.Number, first.Id, policy.Id);
        // Requested again for a page that exists: harmless, and completes a start that died half-way.
        await ScheduleAsync(stored.Value, cancellationToken);
        return (stored.Value, isNew);
    }

    /// <summary>The page's timers: escalate when due, deliver now; and the summary refresh.</summary>
    /// <remarks>
    /// The escalation first: the delivery may run as soon as it is scheduled, find nobody reachable and move the
    /// escalation to now, and a request for the step's wait written after that put it back (PagerScheduleTests).
    /// </remarks>
    public async Task ScheduleAsync(Page page, CancellationToken cancellationToken)
    {
        var workspace = page.Workspace();
        if (page.IsPending && page.EscalateAt is { } due)
            await work.RequestAsync(workspace, PagingWork.Escalate, page.Id, due, cancellationToken);
        await work.RequestAsync(workspace, PagingWork.Deliver, page.Id, null, cancellationToken);
        await work.RequestAsync(workspace, ChannelSyncWork.WorkKind, page.Incident.DocumentId, null, cancellationToken);
    }

    /// <summary>
    /// The chain's current page. A page marked escalated whose successor is missing (a run
    /// that stopped half-way) gets its successor created here, so every answer lands on one
    /// document.
    /// </summary>
    public async Task<Versioned<Page>?> HeadAsync(Versioned<Page> page, CancellationToken cancellationToken)
    {
        var current = page;
        for (var hops = 0; hops < PageStore.MaxChainLength && current.Value.Status == PageStatus.Escalated; hops++)
        {
            var next = await EnsureSuccessorAsync(current.Value, cancellationToken);
            if (next is null)
                return current;
            current = next;
        }
        return current;
    }

    /// <summary>Creates (once) and schedules the page that follows an escalated one.</summary>
    public async Task<Versioned<Page>?> EnsureSuccessorAsync(Page escalated, CancellationToken cancellationToken)
    {
        if (escalated.NextPageId is null || EscalationPlan.Next(escalated.EscalationPolicy, escalated.Position) is not { } next)
            return null;
        var existing = await pages.FindAsync(escalated.Workspace(), escalated.NextPageId, cancellationToken);
        if (existing is not null)
            return existing;
        var (created, isNew) = await pages.CreateOnceAsync(escalated.Successor(next, clock.GetUtcNow()), cancellationToken);
        if (isNew)
            await ScheduleAsync(created.Value, cancellationToken);
        return created;
    }
}
