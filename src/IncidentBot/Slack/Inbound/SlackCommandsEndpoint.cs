using System.Text;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Commands.Declare;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Slack.Declare;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace IncidentBot.Slack.Inbound;

/// <summary><c>POST /slack/commands</c>: the <c>/incident</c> slash command.</summary>
internal static class SlackCommandsEndpoint
{
    public static async Task<Results<Ok<JsonObject>, Ok, BadRequest<JsonObject>>> HandleAsync(
        HttpContext http,
        CommandDispatcher dispatcher,
        DeliveryLedger deliveries,
        DeclareFormOpener forms,
        IOptionsMonitor<SlackOptions> options,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(SlackEndpoints.LogCategory);
        var body = http.Features.Get<SlackRequestBody>()!;
        var command = SlashCommand.TryParse(Encoding.UTF8.GetString(body.Bytes), out var problem);
        if (command is null)
        {
            logger.Malformed("command", "-", problem!);
            return TypedResults.BadRequest(SlackReplies.Text($"The command could not be read ({problem})."));
        }
        var workspace = new WorkspaceId(command.TeamId);
        var reference = SlackReplies.NewReference();
        DeliveryScope? delivery = null;
        try
        {
            var parsed = dispatcher.Parser.Parse(command.Text);
            // Only a command that changes something is checked for replays: a query, or text that does
            // not parse, is simply answered again, which saves a store write on every one of them.
            if (parsed.IsSuccess && !parsed.Value.IsQuery)
            {
                delivery = deliveries.Begin(workspace, "slack-signature:" + body.Signature, options.CurrentValue.ReplayClaimLifetime);
                if (await WasHandledAsync(deliveries, workspace, body.Signature, "command", logger, cancellationToken))
                    return Repeated(logger, command.TeamId);
            }
            if (logger.IsEnabled(LogLevel.Information))
                logger.Received("command", command.UserId, command.TeamId, LoggableVerb(command.Text, dispatcher.Parser));
            var context = new CommandContext(workspace, "slack", new UserId(command.UserId), new ChannelId(command.ChannelId), options.CurrentValue.CommandName)
            {
                DeliveryKey = command.TriggerId is null ? null : "slack-trigger:" + command.TriggerId,
                ReplyAddress = command.ResponseUrl,
            };
            var reply = parsed.IsSuccess
                ? await dispatcher.DispatchAsync(context, parsed.Value, cancellationToken)
                : CommandDispatcher.ErrorReply(parsed.Error, context);
            if (delivery is not null)
                await deliveries.CompleteAsync(delivery, cancellationToken);
            return reply switch
            {
                MessageReply message => TypedResults.Ok(SlackReplies.Message(message.Message, message.IsPublic)),
                OpenDeclareFormReply form => await OpenFormAsync(form.Form, command, forms, options.CurrentValue, cancellationToken),
                _ => TypedResults.Ok(),
            };
        }
        catch (Exception e) when (delivery?.IsRepeat(e) == true)
        {
            // A copy of this request was being handled at the same moment and stored its change first.
            return Repeated(logger, command.TeamId);
        }
        catch (StoreUnavailableException e)
        {
            logger.Failed(e, "command", command.TeamId, reference);
            return TypedResults.Ok(SlackReplies.Text(SlackReplies.StoreUnavailable));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.Failed(e, "command", command.TeamId, reference);
            return TypedResults.Ok(SlackReplies.Text(SlackReplies.Failure(reference)));
        }
        finally
        {
            delivery?.Dispose();
        }
    }

    private static Ok<JsonObject> Repeated(ILogger logger, string teamId)
    {
        logger.Repeated("command", teamId, "replay");
        return TypedResults.Ok(SlackReplies.Text("This exact request was already handled; nothing was done twice."));
    }

    private static async Task<Results<Ok<JsonObject>, Ok, BadRequest<JsonObject>>> OpenFormAsync(
        DeclareForm form, SlashCommand command, DeclareFormOpener forms, SlackOptions options, CancellationToken cancellationToken)
    {
        if (command.TriggerId is not null && await forms.OpenAsync(command.TeamId, command.TriggerId, form, cancellationToken))
            return TypedResults.Ok();
        var reason = command.TriggerId is null ? "Give the incident a title" : "I couldn't open the declare form just now. Type it instead";
        return TypedResults.Ok(SlackReplies.Text($"{reason}: `{options.CommandName} {DeclareSyntax.UsageLine}`"));
    }

    /// <summary>
    /// Whether the signed request was handled before (its claim is stored with the change it made).
    /// When the store cannot be reached the request is handled as new: a declare must still be kept
    /// (its own receipt stops a double declare), and the change's unit still refuses a replay.
    /// </summary>
    internal static async Task<bool> WasHandledAsync(
        DeliveryLedger deliveries, WorkspaceId workspace, string signature, string kind, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            return await deliveries.WasHandledAsync(workspace, "slack-signature:" + signature, cancellationToken);
        }
        catch (StoreUnavailableException)
        {
            logger.ReplayCheckSkipped(kind, workspace.Value);
            return false;
        }
    }

    /// <summary>Only a known subcommand or incident key goes to the log: the rest may be a title about harmful content.</summary>
    internal static string LoggableVerb(string text, CommandParser parser)
    {
        var trimmed = text.AsSpan().Trim();
        var space = trimmed.IndexOfAny(' ', '\t');
        var word = (space < 0 ? trimmed : trimmed[..space]).ToString();
        if (word.Length == 0)
            return "(empty)";
        return parser.Find(word) is not null || IncidentNumber.TryParse(word, out _) ? word.ToLowerInvariant() : "(other)";
    }
}
