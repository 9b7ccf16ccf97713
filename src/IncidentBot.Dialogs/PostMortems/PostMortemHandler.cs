using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Commands.Lifecycle;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Rules;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.PostMortems;

/// <summary>Every <c>postmortem</c> command.</summary>
public sealed class PostMortemHandler(
    IncidentLocator locator,
    DocumentWriter writer,
    WorkQueue work,
    UserDirectory users,
    IncidentRules rules,
    TimeProvider clock) : CommandHandler<PostMortemCommand>
{
    private readonly IDocumentStore documents = writer.Documents;

    protected override async Task<Result<CommandReply>> HandleAsync(PostMortemCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var located = await locator.LocateAsync(context, command.Target, cancellationToken);
        if (!located.IsSuccess)
            return located.Error;
        var incident = located.Value.Value;
        return command switch
        {
            DraftPostMortemCommand => await DraftAsync(incident, context, cancellationToken),
            SetPostMortemOwnerCommand owner => await SetOwnerAsync(incident, owner.Owner ?? context.Actor, context, cancellationToken),
            CompletePostMortemCommand done => await CompleteAsync(incident, done.Link, context, cancellationToken),
            _ => throw new InvalidOperationException($"No post-mortem command {command.GetType().Name}."),
        };
    }

    private async Task<Result<CommandReply>> DraftAsync(Incident incident, CommandContext context, CancellationToken cancellationToken)
    {
        var request = new PostMortemUploadRequest
        {
            WorkspaceId = incident.WorkspaceId,
            IncidentNumber = incident.Number,
            RequestedAt = clock.GetUtcNow(),
            RequestedBy = context.Actor,
        };
        await writer.WriteAsync(incident.WorkspaceId, (attempt, _) =>
        {
            attempt.Batch.Upsert(request);
            work.Add(attempt, new WorkRequest(PostMortemUploadWork.WorkKind, incident.Id));
            return Task.FromResult(true);
        }, cancellationToken);
        var postMortem = await documents.ReadAsync<PostMortem>(incident.WorkspaceId, PostMortem.IdFor(incident.Number), cancellationToken);
        var where = incident.Channel is { } channel ? RichText.Channel(channel) : RichText.Text("the incident's channel");
        return CommandReply.Private($"📝 Drafting the post-mortem of {incident.Key.Key} from its record and timeline; it will be uploaded to {where} in a moment "
            + $"(also at {RichText.Code($"GET /api/incidents/{incident.Number}/postmortem.md")}). {PostMortemMessages.Status(postMortem?.Value)}");
    }

    private async Task<Result<CommandReply>> SetOwnerAsync(Incident incident, UserId owner, CommandContext context, CancellationToken cancellationToken)
    {
        // The due date is a day in the new owner's own calendar; they get their own reminders.
        var zone = await users.TimeZoneOfAsync(incident.Platform, context.Workspace, owner, rules.Calendar.DefaultZone, cancellationToken);
        return await ChangeAsync(incident, (stored, now) =>
        {
            if (stored is { Status: PostMortemStatus.Done } done)
                return new UserError("no_change", $"The post-mortem of {incident.Key.Key} is already done: <{done.Link}>.");
            if (stored?.Owner == owner)
                return new UserError("no_change", $"{RichText.Mention(owner)} already owns the post-mortem of {incident.Key.Key}.");
            var changed = stored is { } existing
                ? existing with { Owner = owner }
                : new PostMortem { WorkspaceId = incident.WorkspaceId, IncidentNumber = incident.Number, Owner = owner, Status = PostMortemStatus.Waiting };
            if (changed.Status == PostMortemStatus.Due && changed.ResolvedAt is { } resolvedAt)
                changed = changed.DueFor(resolvedAt, now, zone, rules.Calendar, rules.PostMortems.BusinessDays);
            return changed;
        }, (attempt, changed, _) =>
        {
            // Resolved already: the planner makes it due (owner named for a SEV3, say) and reminds the new owner.
            work.Add(attempt, new WorkRequest(PostMortemReminderWork.WorkKind, incident.Id));
            return Visible(incident, context, RichText.Of($"📝 {RichText.Mention(owner)} now owns the post-mortem of {incident.Key.Key}. {PostMortemMessages.Status(changed)}"));
        }, cancellationToken);
    }

    private Task<Result<CommandReply>> CompleteAsync(Incident incident, string link, CommandContext context, CancellationToken cancellationToken) =>
        ChangeAsync(incident, (stored, now) =>
        {
            if (stored is { Status: PostMortemStatus.Done, Link: var existingLink } && existingLink == link)
                return new UserError("no_change", $"The post-mortem of {incident.Key.Key} is already recorded as done at that link.");
            return (stored ?? new PostMortem
            {
                WorkspaceId = incident.WorkspaceId,
                IncidentNumber = incident.Number,
                Owner = context.Actor,
                Status = PostMortemStatus.Done,
            }) with { Status = PostMortemStatus.Done, DoneAt = now, DoneBy = context.Actor, Link = link };
        }, (attempt, done, now) =>
        {
            attempt.Batch.Upsert(new TimelineEvent
            {
                Id = TimelineEvent.IdFor(incident.Number, $"pm-done-{now.UtcTicks}"),
                WorkspaceId = incident.WorkspaceId,
                IncidentNumber = incident.Number,
                At = now,
                Actor = context.Actor,
                Kind = TimelineKind.PostMortemDone,
                Text = "Post-mortem done",
                Link = link,
            });
            WorkQueue.Remove(attempt, PostMortemReminderWork.WorkKind, incident.Id);
            return Visible(incident, context, RichText.Of($"✅ Post-mortem of {incident.Key.Key} done: {RichText.Link(link, link)} (recorded by {RichText.Mention(context.Actor)}). No more reminders."));
        }, cancellationToken);

    /// <summary>Read–decide–write of the incident's post-mortem document, with what the change asks for alongside, as one unit.</summary>
    private async Task<Result<CommandReply>> ChangeAsync(
        Incident incident,
        Func<PostMortem?, DateTimeOffset, Result<PostMortem>> change,
        Func<WriteAttempt, PostMortem, DateTimeOffset, CommandReply> alongside,
        CancellationToken cancellationToken)
    {
        try
        {
            var committed = await writer.WriteAsync<Result<CommandReply>>(incident.WorkspaceId, async (attempt, token) =>
            {
                var stored = await attempt.ReadAsync<PostMortem>(PostMortem.IdFor(incident.Number), token);
                var now = clock.GetUtcNow();
                var changed = change(stored?.Value, now);
                if (!changed.IsSuccess)
                    return changed.Error;
                attempt.Batch.Save(changed.Value, stored?.ETag);
                return alongside(attempt, changed.Value, now);
            }, cancellationToken);
            return committed.Value;
        }
        catch (DocumentConflictException)
        {
            return new UserError("busy", "The post-mortem is being changed by several people at once; please try again.");
        }
    }

    private static CommandReply Visible(Incident incident, CommandContext context, RichText text) =>
        context.Channel is { } channel && channel == incident.Channel
            ? CommandReply.Public(ChatMessage.Plain(text))
            : CommandReply.Private($"{RichText.Bold(incident.Key.Key)}: {text}");
}
