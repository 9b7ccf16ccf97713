using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Commands.Lifecycle;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Policies;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.PostMortems;

/// <summary>Every <c>postmortem</c> command.</summary>
public sealed class PostMortemHandler(
    IncidentLocator locator,
    IncidentStore incidents,
    IDocumentStore documents,
    WorkQueue work,
    UserDirectory users,
    IncidentPolicies policies,
    TimeProvider clock) : CommandHandler<PostMortemCommand>
{
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
        await documents.UpsertAsync(request, cancellationToken);
        await work.RequestAsync(context.Workspace, PostMortemUpload.WorkKind, incident.Id, null, cancellationToken);
        var postMortem = await documents.ReadAsync<PostMortem>(incident.WorkspaceId, PostMortem.IdFor(incident.Number), cancellationToken);
        var where = incident.Channel is { } channel ? channel.Mention : "the incident's channel";
        return CommandReply.Private($"📝 Drafting the post-mortem of {incident.Key.Key} from its record and timeline; it will be uploaded to {where} in a moment "
            + $"(also at `GET /api/incidents/{incident.Number}/postmortem.md`). {PostMortemMessages.Status(postMortem?.Value)}");
    }

    private async Task<Result<CommandReply>> SetOwnerAsync(Incident incident, UserId owner, CommandContext context, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < IncidentStore.MaxConflictRetries; attempt++)
        {
            var stored = await documents.ReadAsync<PostMortem>(incident.WorkspaceId, PostMortem.IdFor(incident.Number), cancellationToken);
            if (stored?.Value is { Status: PostMortemStatus.Done } done)
                return new UserError("no_change", $"The post-mortem of {incident.Key.Key} is already done: <{done.Link}>.");
            if (stored?.Value.Owner == owner)
                return new UserError("no_change", $"{owner.Mention} already owns the post-mortem of {incident.Key.Key}.");
            var now = clock.GetUtcNow();
            var changed = stored?.Value is { } existing
                ? existing with { Owner = owner }
                : new PostMortem { WorkspaceId = incident.WorkspaceId, IncidentNumber = incident.Number, Owner = owner, Status = PostMortemStatus.Waiting };
            if (changed.Status == PostMortemStatus.Due && changed.ResolvedAt is { } resolvedAt)
            {
                // The due date is a day in the new owner's own calendar; they get their own reminders.
                var zone = await users.TimeZoneOfAsync(incident.Platform, context.Workspace, owner, policies.Calendar.DefaultZone, cancellationToken);
                changed = changed.DueFor(resolvedAt, now, zone, policies.Calendar, policies.PostMortems.BusinessDays);
            }
            try
            {
                if (stored is null)
                    await documents.CreateAsync(changed, cancellationToken);
                else
                    await documents.ReplaceAsync(changed, stored.ETag, cancellationToken);
            }
            catch (DocumentConflictException)
            {
                continue;
            }
            // Resolved already: the planner makes it due (owner named for a SEV3, say) and reminds the new owner.
            await work.RequestAsync(context.Workspace, PostMortemReminders.WorkKind, incident.Id, null, cancellationToken);
            return Visible(incident, context, $"📝 {owner.Mention} now owns the post-mortem of {incident.Key.Key}. {PostMortemMessages.Status(changed)}");
        }
        return new UserError("busy", "The post-mortem is being changed by several people at once; please try again.");
    }

    private async Task<Result<CommandReply>> CompleteAsync(Incident incident, string link, CommandContext context, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < IncidentStore.MaxConflictRetries; attempt++)
        {
            var stored = await documents.ReadAsync<PostMortem>(incident.WorkspaceId, PostMortem.IdFor(incident.Number), cancellationToken);
            if (stored?.Value is { Status: PostMortemStatus.Done, Link: var existingLink } && existingLink == link)
                return new UserError("no_change", $"The post-mortem of {incident.Key.Key} is already recorded as done at that link.");
            var now = clock.GetUtcNow();
            var done = (stored?.Value ?? new PostMortem
            {
                WorkspaceId = incident.WorkspaceId,
                IncidentNumber = incident.Number,
                Owner = context.Actor,
                Status = PostMortemStatus.Done,
            }) with { Status = PostMortemStatus.Done, DoneAt = now, DoneBy = context.Actor, Link = link };
            try
            {
                if (stored is null)
                    await documents.CreateAsync(done, cancellationToken);
                else
                    await documents.ReplaceAsync(done, stored.ETag, cancellationToken);
            }
            catch (DocumentConflictException)
            {
                continue;
            }
            await incidents.RecordAsync(new TimelineEvent
            {
                Id = TimelineEvent.IdFor(incident.Number, $"pm-done-{now.UtcTicks}"),
                WorkspaceId = incident.WorkspaceId,
                IncidentNumber = incident.Number,
                At = now,
                Actor = context.Actor,
                Kind = TimelineKind.PostMortemDone,
                Text = "Post-mortem done",
                Link = link,
            }, cancellationToken);
            await work.CancelAsync(context.Workspace, PostMortemReminders.WorkKind, incident.Id, cancellationToken);
            return Visible(incident, context, $"✅ Post-mortem of {incident.Key.Key} done: <{link}> (recorded by {context.Actor.Mention}). No more reminders.");
        }
        return new UserError("busy", "The post-mortem is being changed by several people at once; please try again.");
    }

    private static CommandReply Visible(Incident incident, CommandContext context, string text) =>
        context.Channel is { } channel && channel == incident.Channel
            ? CommandReply.Public(ChatMessage.Plain(text))
            : CommandReply.Private($"*{incident.Key.Key}*: {text}");
}
