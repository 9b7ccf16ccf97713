using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Commands.Declare;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.StepDialogs;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Intake;
using IncidentBot.Teams.Cards;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace IncidentBot.Teams.Inbound;

/// <summary>
/// A message to the bot: a dialog waiting for this person's answer takes it first; otherwise
/// the text goes to the same <see cref="CommandDispatcher"/> as Slack's, and its reply is sent the
/// Teams way. A message without text but with <c>value</c> is an Action.Submit from an old client.
/// In a channel configured for intake (when the host has the intake) a message is a partner report instead.
/// </summary>
public sealed class TeamsMessageTurns(
    CommandDispatcher dispatcher,
    StepDialogRunner dialogs,
    TeamsMentions mentions,
    TeamsResponder responder,
    TeamsCardActions cards,
    IOptions<TeamsOptions> options,
    ILogger<TeamsMessageTurns> logger,
    IDeclarationSpool? spool = null,
    ChatIntake? intake = null)
{
    public async Task HandleAsync(ITurnContext turn, TeamsTurn who, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(who);
        if (turn.Activity.Value is JObject submitted && string.IsNullOrWhiteSpace(turn.Activity.Text))
        {
            await cards.SubmitAsync(turn, who, submitted, cancellationToken);
            return;
        }
        var text = await mentions.NormalizeAsync(turn, who, cancellationToken);
        // A message to the bot in an intake channel is a partner's report, not a command.
        if (!who.IsPersonal && intake is not null && ChannelOf(turn.Activity, who) is { } channel && intake.IsTeamsChannel(channel) && text.Length > 0 && who.ActivityId is { Length: > 0 } activityId)
        {
            await intake.RecordTeamsAsync(who.Workspace, who.User, who.UserName, channel, who.ConversationId, activityId, text, turn.Activity.Timestamp, cancellationToken);
            return;
        }
        var context = new CommandContext(who.Workspace, PlatformId.Teams, who.User, new ChannelId(who.ConversationId), options.Value.CommandPrefix)
        {
            TimeZone = who.TimeZone,
            DeliveryKey = who.ActivityId is { Length: > 0 } id ? $"teams-activity:{who.ConversationId}:{id}" : null,
        };
        try
        {
            var dialog = await dialogs.ContinueAsync(context, text, cancellationToken);
            if (dialog is { Outcome: DialogOutcome.Answered, Message: { } answer })
            {
                await responder.ReplyAsync(turn, who, answer, cancellationToken);
                return;
            }
            if (dialog.Outcome == DialogOutcome.Expired && !dispatcher.Parser.Parse(text).IsSuccess)
            {
                await responder.ReplyAsync(turn, who, ChatMessage.Plain(RichText.Of(
                    $"⌛ I stopped waiting for an answer to my earlier question after {options.Value.DialogTimeoutMinutes} minutes. Start again with {RichText.Code($"{options.Value.CommandPrefix} declare")}.")),
                    cancellationToken);
                return;
            }
            if (logger.IsEnabled(LogLevel.Information))
                logger.Received("message", who.Workspace.Value, who.User.Value, LoggableVerb(text));
            var reply = await dispatcher.DispatchAsync(context, text, cancellationToken);
            switch (reply)
            {
                case MessageReply { IsPublic: true } message:
                    await responder.ReplyAsync(turn, who, message.Message, cancellationToken);
                    break;
                case MessageReply message:
                    var sent = await responder.ReplyPrivatelyAsync(turn, who, message.Message, cancellationToken);
                    // Still being stored: the spool's job updates this answer with the number.
                    if (message.ErrorCode == IncidentDeclarer.PendingCode && sent is not null && context.DeliveryKey is { } key && spool is not null)
                        await spool.AttachReplyAddressAsync(key, sent, cancellationToken);
                    break;
                case OpenDeclareFormReply form:
                    var prompt = await dialogs.BeginAsync(DeclareDialog.DialogName, context, DeclareDialog.ValuesOf(form.Form), cancellationToken);
                    await responder.ReplyWithFormAsync(turn, who, prompt, form.Form, cancellationToken);
                    break;
            }
        }
        catch (StoreUnavailableException)
        {
            await responder.ReplyAsync(turn, who, ChatMessage.Plain(RichText.Text(TeamsReplies.StoreUnavailable)), cancellationToken);
        }
    }

    /// <summary>The channel a message was posted in: Teams names it in channelData; a thread's conversation id starts with it.</summary>
    private static string? ChannelOf(Microsoft.Bot.Schema.Activity activity, TeamsTurn who) =>
        activity.ChannelData is JObject data && data["channel"]?["id"]?.Value<string>() is { Length: > 0 } id
            ? id
            : who.ConversationId.Split(';')[0];

    /// <summary>Only a known command word or incident key goes to the log: the rest may be a title about harmful content.</summary>
    private string LoggableVerb(string text)
    {
        var trimmed = text.AsSpan().Trim();
        var space = trimmed.IndexOfAny(' ', '\t');
        var word = (space < 0 ? trimmed : trimmed[..space]).ToString();
        if (word.Length == 0)
            return "(empty)";
        return dispatcher.Parser.Find(word) is not null || IncidentNumber.TryParse(word, out _) ? word.ToLowerInvariant() : "(other)";
    }
}
