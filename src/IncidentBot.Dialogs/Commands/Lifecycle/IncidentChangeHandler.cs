using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Commands.Lifecycle;

/// <summary>Every change command: locate, apply with optimistic concurrency, let the channel job post it.</summary>
public sealed class IncidentChangeHandler(IncidentLocator locator, IncidentChanges changes) : CommandHandler<IncidentChangeCommand>
{
    protected override async Task<Result<CommandReply>> HandleAsync(IncidentChangeCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var located = await locator.LocateAsync(context, command.Target, cancellationToken);
        if (!located.IsSuccess)
            return located.Error;
        var incident = located.Value.Value;
        var applied = await changes.ApplyAsync(context.Workspace, incident.Key,
            (current, at) => command.Apply(current, context.Actor, at), cancellationToken, known: located.Value);
        if (!applied.IsSuccess)
            return applied.Error;

        // In the incident's own channel the bot's post of the change is the answer.
        if (context.Channel is { } channel && channel == incident.Channel)
            return CommandReply.None;
        var post = IncidentMessages.ChangePost(applied.Value.Event);
        var done = post is null ? RichText.Text("Done.") : post.Text;
        return CommandReply.Private(ChatMessage.Plain(RichText.Of($"{RichText.Bold(incident.Key.Key)}: {done}")));
    }
}
