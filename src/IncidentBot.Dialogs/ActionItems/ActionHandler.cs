using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Commands.Lifecycle;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Rules;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Time;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.ActionItems;

/// <summary>Every <c>action</c> command; changes answer in the incident channel, elsewhere privately.</summary>
public sealed class ActionHandler(
    IncidentLocator locator,
    ActionItemStore items,
    DocumentWriter writer,
    WorkQueue work,
    UserDirectory users,
    IncidentRules rules,
    TimeProvider clock) : CommandHandler<ActionCommand>
{
    /// <summary>A due date further out than this is a typo.</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(730);

    protected override async Task<Result<CommandReply>> HandleAsync(ActionCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var located = await locator.LocateAsync(context, command.Target, cancellationToken);
        if (!located.IsSuccess)
            return located.Error;
        var incident = located.Value.Value;
        return command switch
        {
            ListActionsCommand => await ListAsync(incident, cancellationToken),
            AddActionCommand add => await AddAsync(incident, add, context, cancellationToken),
            CompleteActionCommand done => await CompleteAsync(incident, done, context, cancellationToken),
            _ => throw new InvalidOperationException($"No action command {command.GetType().Name}."),
        };
    }

    private async Task<Result<CommandReply>> ListAsync(Incident incident, CancellationToken cancellationToken)
    {
        var found = await items.ListAsync(incident.Workspace(), incident.Key, cancellationToken);
        if (found.Count == 0)
            return CommandReply.Private($"{incident.Key.Key} has no action items. Add one with {RichText.Code(ActionUsage.Add)}.");
        var open = found.Count(i => i.IsOpen);
        return CommandReply.Private($"{RichText.Bold($"Action items of {incident.Key.Key}")} ({open} open)\n"
            + $"{RichText.Join(RichText.LineBreak, found.Select(i => RichText.Of($"• {ActionItemMessages.Line(i, canSeeText: true, withIncident: false)}")))}");
    }

    private async Task<Result<CommandReply>> AddAsync(Incident incident, AddActionCommand add, CommandContext context, CancellationToken cancellationToken)
    {
        if (incident.Status is IncidentStatus.Cancelled)
            return UserError.NotAllowed("add action items to", IncidentLifecycle.Name(incident.Status));
        var now = clock.GetUtcNow();
        DateOnly? dueDate = null;
        DateTimeOffset? dueAt = null;
        if (add.Due is { } due)
        {
            var zone = ZonedTime.TryFind(context.TimeZone, out var z)
                ? z
                : await users.TimeZoneOfAsync(context.Platform, context.Workspace, context.Actor, rules.Calendar.DefaultZone, cancellationToken);
            var today = ZonedTime.LocalDate(now, zone);
            dueDate = due.ResolveDate(now, zone);
            dueAt = dueDate is null ? due.ResolveMoment(now, zone) : null;
            if (dueDate is { } date && date < today)
                return new UserError("bad_date", $"{RichText.Code($"due {due.Text}")} is {ActionItemMessages.Day(date)}, which is in the past (today is {ActionItemMessages.Day(today)} for you).", ActionUsage.Add);
            if (dueAt is { } at && at < now)
                return new UserError("bad_date", $"{RichText.Code($"due {due.Text}")} is {TimeText.Describe(at, zone)}, which is in the past.", ActionUsage.Add);
            var horizon = ZonedTime.LocalDate(now + MaxAhead, zone);
            if ((dueDate is { } far && far > horizon) || (dueAt is { } farAt && farAt > now + MaxAhead))
                return new UserError("bad_date", $"{RichText.Code($"due {due.Text}")} is more than two years away; check the date.", ActionUsage.Add);
        }
        var item = await items.AddAsync(new ActionItem
        {
            WorkspaceId = incident.WorkspaceId,
            IncidentNumber = incident.Number,
            Sequence = 0,
            Text = add.Text,
            Owner = add.Owner,
            CreatedBy = context.Actor,
            CreatedAt = now,
            DueDate = dueDate,
            DueAt = dueAt,
        }, (attempt, added) =>
        {
            attempt.Batch.Upsert(Event(incident, added, TimelineKind.ActionItemAdded, "added", context.Actor, now,
                $"Action #{added.Sequence} for {added.Owner.Mention}: {added.Text}"));
            if (added.HasDue)
                work.Add(attempt, new WorkRequest(ActionItemReminderWork.WorkKind, added.Id));
        }, cancellationToken);
        return Visible(incident, context, RichText.Of($"📌 Action item #{item.Sequence} for {RichText.Mention(item.Owner)}: {RichText.WithMentions(item.Text)} · {ActionItemMessages.Due(item)}"
            + $"{(item.HasDue ? " (I'll remind them by DM)" : "")}"));
    }

    private async Task<Result<CommandReply>> CompleteAsync(Incident incident, CompleteActionCommand done, CommandContext context, CancellationToken cancellationToken)
    {
        try
        {
            var committed = await writer.WriteAsync<Result<CommandReply>>(incident.WorkspaceId, async (attempt, token) =>
            {
                var found = await items.FindAsync(incident.Workspace(), ActionItem.IdFor(incident.Number, done.Sequence), token);
                if (found is null)
                    return new UserError("not_found", $"{incident.Key.Key} has no action item #{done.Sequence}; {RichText.Code("action list")} shows them.");
                var item = found.Value;
                if (item.Owner != context.Actor && incident.Roles.Lead != context.Actor)
                {
                    var lead = incident.Roles.Lead is { } l ? RichText.Of($"the incident lead {RichText.Mention(l)}") : RichText.Text("the incident lead (there is none yet)");
                    return new UserError("forbidden", $"Only its owner {RichText.Mention(item.Owner)} or {lead} can mark action item #{item.Sequence} done.");
                }
                if (item.Status == ActionItemStatus.Done)
                    return new UserError("no_change", $"Action item #{item.Sequence} was already done {RichText.LocalTime(item.DoneAt!.Value)}.");
                var now = clock.GetUtcNow();
                var closed = item with { Status = ActionItemStatus.Done, DoneAt = now, DoneBy = context.Actor };
                attempt.Batch.Replace(closed, found.ETag);
                attempt.Batch.Upsert(Event(incident, closed, TimelineKind.ActionItemDone, "done", context.Actor, now, $"Action #{closed.Sequence} done: {closed.Text}"));
                WorkQueue.Remove(attempt, ActionItemReminderWork.WorkKind, closed.Id);
                return Visible(incident, context, RichText.Of($"✅ Action item #{closed.Sequence} done by {RichText.Mention(context.Actor)}: {RichText.WithMentions(closed.Text)}"));
            }, cancellationToken);
            return committed.Value;
        }
        catch (DocumentConflictException e) when (!e.AlreadyExists)
        {
            return new UserError("busy", "That action item is being changed by several people at once; please try again.");
        }
    }

    private static TimelineEvent Event(Incident incident, ActionItem item, TimelineKind kind, string what, UserId by, DateTimeOffset at, string text) => new()
    {
        Id = TimelineEvent.IdFor(incident.Number, $"action-{item.Sequence}-{what}"),
        WorkspaceId = incident.WorkspaceId,
        IncidentNumber = incident.Number,
        At = at,
        Actor = by,
        Kind = kind,
        Text = text,
        To = item.Owner.Value,
    };

    private static CommandReply Visible(Incident incident, CommandContext context, RichText text) =>
        context.Channel is { } channel && channel == incident.Channel
            ? CommandReply.Public(ChatMessage.Plain(text))
            : CommandReply.Private($"{RichText.Bold(incident.Key.Key)}: {text}");
}
