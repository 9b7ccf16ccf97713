using IncidentBot.Dialogs.Buttons;
using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Telemetry;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Paging;

/// <summary>
/// The three buttons of a page, for the people the chain paged (and the on-call admins): anyone
/// else is refused before anything is written. Every answer is a replace of the chain's head
/// with the ETag it was read with: of two people pressing at once (or one person twice) exactly
/// one write wins, and the other re-reads and is told who was first. Only store writes and job
/// scheduling happen here; messages follow from jobs.
/// </summary>
public sealed class PageResponses(
    PageStore pages,
    Pager pager,
    OnCallAccess access,
    IncidentChanges changes,
    IncidentStore incidents,
    WorkQueue work,
    DocumentWriter writer,
    TimeProvider clock,
    IncidentMetrics metrics,
    ILogger<PageResponses> logger)
{
    /// <summary>Acknowledge: by anyone paged on the chain, or an admin acting for the people paged.</summary>
    public async Task<ActionReply> AcknowledgeAsync(ButtonPress press, CancellationToken cancellationToken)
    {
        var (pressed, standing) = await StandingAsync(press, cancellationToken);
        if (pressed is null)
            return ActionReply.Note(RichText.Text("That page no longer exists."));
        if (standing == Standing.Stranger)
            return Refuse(press, pressed, "not paged", NotYoursText(pressed));
        var asAdmin = standing == Standing.Admin;
        return await AnswerAsync(press, (page, now) => page.Status switch
        {
            PageStatus.Acknowledged when page.AcknowledgedBy == press.User =>
                Refuse($"You already acknowledged this page for {page.Incident.Key}."),
            PageStatus.Acknowledged =>
                Refuse($"{Who(page.AcknowledgedBy)} acknowledged {page.Incident.Key} first, {RichText.LocalTime(page.AcknowledgedAt ?? page.CreatedAt)}; nothing more to do. You can still join from the incident's channel."),
            PageStatus.Cancelled => Refuse($"{page.Incident.Key} is no longer open; this page was closed."),
            _ => Change(page with
            {
                Status = PageStatus.Acknowledged,
                AcknowledgedBy = press.User,
                AcknowledgedAt = now,
                EscalateAt = null,
                ClosedAt = page.ClosedAt ?? now,
            }),
        }, async (page, _, _) =>
        {
            logger.PageAcknowledged(press.Workspace, page.IncidentNumber, page.Id, press.User.Value);
            metrics.PageAcknowledged(press.Workspace);
            // An admin answers for the people this step paged; the timeline says so.
            IReadOnlyList<UserId> actingFor = asAdmin ? [.. page.Targets.Select(t => t.User).Where(u => u != press.User)] : [];
            if (asAdmin)
                logger.AdminAnswered(press.Workspace, page.IncidentNumber, page.Id, press.User.Value);
            await work.CancelAsync(press.Workspace, PagingWork.Escalate, page.Id, cancellationToken);
            var applied = await changes.ApplyAsync(press.Workspace, page.Incident,
                (incident, at) => IncidentLifecycle.AcknowledgePage(incident, press.User, page.EscalationPolicy.Name, at, actingFor), cancellationToken);
            if (!applied.IsSuccess)
                await work.RequestAsync(press.Workspace, ChannelSyncWork.WorkKind, page.Incident.DocumentId, null, cancellationToken);
            foreach (var member in await pages.ChainAsync(page, cancellationToken))
                await work.RequestAsync(press.Workspace, PagingWork.Deliver, member.Id, null, cancellationToken);
            return ActionReply.None; // the direct message itself turns into the answer
        }, cancellationToken);
    }

    /// <summary>Escalate now: by anyone paged on the chain, or an admin.</summary>
    public async Task<ActionReply> EscalateNowAsync(ButtonPress press, CancellationToken cancellationToken)
    {
        var (pressed, standing) = await StandingAsync(press, cancellationToken);
        if (pressed is null)
            return ActionReply.Note(RichText.Text("That page no longer exists."));
        if (standing == Standing.Stranger)
            return Refuse(press, pressed, "not paged", NotYoursText(pressed));
        return await AnswerAsync(press, (page, now) =>
            NotPendingAnswer(page, press) is { } answer ? (null, answer)
            : page.Id != press.Value ? Refuse($"{page.Incident.Key} has already moved on to the next step.")
            : Change(page with { EscalateAt = now }),
        async (page, _, now) =>
        {
            logger.EscalationRequested(press.Workspace, page.IncidentNumber, page.Id, press.User.Value);
            if (standing == Standing.Admin)
                logger.AdminAnswered(press.Workspace, page.IncidentNumber, page.Id, press.User.Value);
            await work.RequestAsync(press.Workspace, PagingWork.Escalate, page.Id, now, cancellationToken);
            return ActionReply.Note(EscalationPlan.Next(page.EscalationPolicy, page.Position) is null
                ? RichText.Of($"That was the last step for {page.Incident.Key}; telling the fallback channel.")
                : RichText.Of($"Paging the next step for {page.Incident.Key} now."));
        }, cancellationToken);
    }

    /// <summary>Can't take it: only by a person the current step paged; it says something about them alone.</summary>
    public async Task<ActionReply> DeclineAsync(ButtonPress press, CancellationToken cancellationToken)
    {
        var (pressed, standing) = await StandingAsync(press, cancellationToken);
        if (pressed is null)
            return ActionReply.Note(RichText.Text("That page no longer exists."));
        if (standing == Standing.Stranger)
            return Refuse(press, pressed, "not paged", NotYoursText(pressed));
        if (standing == Standing.Admin)
        {
            return Refuse(press, pressed, "admin, not paged",
                RichText.Of($"Only the people paged can say they can't take {pressed.Incident.Key}. As an on-call admin you can Acknowledge for them, or Escalate now."));
        }
        return await AnswerAsync(press, (page, now) =>
        {
            if (NotPendingAnswer(page, press) is { } answer)
                return (null, answer);
            if (page.Id != press.Value || page.Targets.All(t => t.User != press.User))
                return Refuse($"{page.Incident.Key} has already moved on to the next step; nothing to decline.");
            if (page.Targets.First(t => t.User == press.User).DeclinedAt is not null)
                return Refuse(RichText.Text("You already said you can't take it."));
            var targets = page.Targets.Select(t => t.User == press.User ? t with { DeclinedAt = now } : t).ToArray();
            var everyoneDeclined = targets.All(t => t.DeclinedAt is not null);
            return Change(page with { Targets = targets, EscalateAt = everyoneDeclined ? now : page.EscalateAt });
        }, async (page, changed, now) =>
        {
            logger.PageDeclined(press.Workspace, page.IncidentNumber, page.Id, press.User.Value);
            await work.RequestAsync(press.Workspace, PagingWork.Deliver, page.Id, null, cancellationToken);
            if (changed.Targets.Any(t => t.DeclinedAt is null))
                return ActionReply.Note(RichText.Text("Noted. The others paged can still take it."));
            await work.RequestAsync(press.Workspace, PagingWork.Escalate, page.Id, now, cancellationToken);
            return ActionReply.Note(RichText.Text("Noted. Paging the next step now."));
        }, cancellationToken);
    }

    /// <summary>
    /// Whether the presser may answer the page at all: someone a page of its chain went to (they
    /// hold its buttons), an on-call admin, or a stranger, who gets a refusal and changes nothing.
    /// Checked before anything is written: acknowledging makes the presser a participant, which
    /// invites them into a restricted incident's private channel.
    /// </summary>
    private async Task<(Page? Pressed, Standing Standing)> StandingAsync(ButtonPress press, CancellationToken cancellationToken)
    {
        var pressed = await pages.FindAsync(press.Workspace, press.Value, cancellationToken);
        if (pressed is null)
            return (null, Standing.Stranger);
        var chain = await pages.ChainAsync(pressed.Value, cancellationToken);
        if (chain.Append(pressed.Value).Any(p => p.Targets.Any(t => t.User == press.User)))
            return (pressed.Value, Standing.Paged);
        return (pressed.Value, await access.IsAdminAsync(press.Platform, press.Workspace, press.User, cancellationToken) ? Standing.Admin : Standing.Stranger);
    }

    private ActionReply Refuse(ButtonPress press, Page page, string reason, RichText text)
    {
        logger.PressRefused(press.Workspace, page.IncidentNumber, page.Id, press.User.Value, press.ActionId, reason);
        return ActionReply.Note(text);
    }

    private static RichText NotYoursText(Page page) =>
        RichText.Of($"This page for {page.Incident.Key} went to other people, so only they (or an on-call admin) can answer it. If you can help, ask the incident's lead to add you.");

    private enum Standing
    {
        Stranger,
        Paged,
        Admin,
    }

    /// <summary>
    /// One answer to a press: read the chain's head, decide (a refusal, or the changed page),
    /// replace with the ETag it was read with — on a conflict someone else answered or the page
    /// escalated meanwhile, so read and decide again — then act on the change. The reply carries
    /// the presser's page message as it now reads.
    /// </summary>
    private async Task<ActionReply> AnswerAsync(
        ButtonPress press,
        Func<Page, DateTimeOffset, (Page? Changed, ActionReply? Refusal)> decide,
        Func<Page, Page, DateTimeOffset, Task<ActionReply>> act,
        CancellationToken cancellationToken)
    {
        Answer answer;
        try
        {
            var committed = await writer.WriteAsync(press.Workspace, async (attempt, token) =>
            {
                var head = await HeadAsync(press, token);
                if (head is null)
                    return new Answer(ActionReply.Note(RichText.Text("That page no longer exists.")));
                var now = clock.GetUtcNow();
                var (changed, refusal) = decide(head.Value, now);
                if (refusal is not null || changed is null)
                    return new Answer(refusal ?? Busy());
                attempt.Batch.Replace(changed, head.ETag);
                return new Answer(null, head.Value, changed, now);
            }, cancellationToken);
            answer = committed.Value;
        }
        catch (DocumentConflictException)
        {
            // Every try lost its race to someone else's answer: say so rather than fail the press.
            answer = new Answer(Busy());
        }
        var reply = answer.Reply ?? await act(answer.Head!, answer.Changed!, answer.At);
        return await WithPressedAsync(press, reply, cancellationToken);
    }

    /// <summary>One try's decision: a reply without a change, or the head as read and as changed.</summary>
    private sealed record Answer(ActionReply? Reply, Page? Head = null, Page? Changed = null, DateTimeOffset At = default);

    private static (Page? Changed, ActionReply? Refusal) Refuse(RichText text) => (null, ActionReply.Note(text));

    private static (Page? Changed, ActionReply? Refusal) Refuse(RichTextBuilder text) => Refuse(RichText.Of(text));

    // Who acknowledged, as the old text had it: empty when nobody is recorded.
    private static RichText Who(UserId? user) => user is { } u ? RichText.Mention(u) : RichText.Empty;

    private static (Page? Changed, ActionReply? Refusal) Change(Page changed) => (changed, null);

    /// <summary>Adds the presser's page message as it reads after the answer (see <see cref="ActionReply.Pressed"/>).</summary>
    private async Task<ActionReply> WithPressedAsync(ButtonPress press, ActionReply reply, CancellationToken cancellationToken)
    {
        var pressed = await pages.FindAsync(press.Workspace, press.Value, cancellationToken);
        if (pressed?.Value.Targets.FirstOrDefault(t => t.User == press.User) is not { } target)
            return reply; // not this person's page message: nothing of it to show
        var incident = await incidents.FindAsync(press.Workspace, pressed.Value.Incident, cancellationToken);
        if (incident is null)
            return reply;
        var head = await pager.HeadAsync(pressed, cancellationToken) ?? pressed;
        return reply with { Pressed = PageMessages.DirectMessage(incident.Value, pressed.Value, head.Value, target) };
    }

    private async Task<Versioned<Page>?> HeadAsync(ButtonPress press, CancellationToken cancellationToken)
    {
        var pressed = await pages.FindAsync(press.Workspace, press.Value, cancellationToken);
        return pressed is null ? null : await pager.HeadAsync(pressed, cancellationToken);
    }

    private static ActionReply? NotPendingAnswer(Page page, ButtonPress press) => page.Status switch
    {
        PageStatus.Acknowledged when page.AcknowledgedBy == press.User => ActionReply.Note($"You acknowledged {page.Incident.Key}; nothing to escalate."),
        PageStatus.Acknowledged => ActionReply.Note($"{Who(page.AcknowledgedBy)} already acknowledged {page.Incident.Key}."),
        PageStatus.Cancelled => ActionReply.Note($"{page.Incident.Key} is no longer open; this page was closed."),
        PageStatus.Exhausted => ActionReply.Note($"Every step for {page.Incident.Key} was paged; the fallback channel was told. Press Acknowledge to take it."),
        _ => null,
    };

    private static ActionReply Busy() => ActionReply.Note(RichText.Text("Several people are answering this page at once; please press again."));
}
