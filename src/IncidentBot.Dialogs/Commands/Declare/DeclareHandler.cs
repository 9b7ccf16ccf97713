using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Commands.Declare;

public sealed class DeclareHandler(IncidentDeclarer declarer) : CommandHandler<DeclareCommand>
{
    protected override async Task<Result<CommandReply>> HandleAsync(DeclareCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var form = DeclareForm.From(command, context.Channel);
        if (command.Title is null)
            return new OpenDeclareFormReply(form);
        var (draft, errors) = DeclareFormValidator.Validate(form);
        if (draft is null)
            return new UserError("bad_declare", RichText.WithCode(string.Join(" ", errors.Values)), DeclareSyntax.UsageLine);
        var declared = await declarer.DeclareAsync(context.Workspace, context.Platform, context.Actor, draft, context.DeliveryKey, cancellationToken, context.ReplyAddress);
        return declared.Map(outcome => CommandReply.Private(DeclaredReply(outcome)));
    }

    public static ChatMessage DeclaredReply(DeclareOutcome outcome)
    {
        var incident = outcome.Incident;
        var text = outcome.IsRepeat
            ? RichText.Of($"{RichText.Bold(incident.Key.Key)} was already declared from this request: {incident.Title}.")
            : RichText.Of($"{RichText.Bold(incident.Key.Key)} declared · {IncidentMessages.SeverityBadge(incident.Severity)} · {incident.Source.Name()} · {incident.Title}\n"
              + $"I'm opening its channel and inviting you; the clock started {RichText.LocalTime(incident.DeclaredAt)}.");
        return ChatMessage.Plain(text);
    }
}
