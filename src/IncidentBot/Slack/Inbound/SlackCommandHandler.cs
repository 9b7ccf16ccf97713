using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Commands.Declare;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Slack.Declare;
using Microsoft.Extensions.Options;

namespace IncidentBot.Slack.Inbound;

/// <summary>
/// The <c>/incident</c> slash command, however it arrived (<see cref="SlackCommandsEndpoint"/> over
/// HTTP, Socket Mode's <c>slash_commands</c> envelopes): parse, recognise a repeat, dispatch, answer.
/// </summary>
public sealed class SlackCommandHandler(
    CommandDispatcher dispatcher,
    DeliveryLedger deliveries,
    DeclareFormOpener forms,
    IOptionsMonitor<SlackOptions> options,
    ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger(SlackEndpoints.LogCategory);

    public async Task<SlackAnswer> HandleAsync(SlashCommand command, SlackDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(delivery);
        var workspace = new WorkspaceId(command.TeamId);
        var reference = ReplyTexts.NewReference();
        DeliveryScope? scope = null;
        try
        {
            var parsed = dispatcher.Parser.Parse(command.Text);
            // Only a command that changes something is checked for replays: a query, or text that does
            // not parse, is simply answered again, which saves a store write on every one of them.
            if (parsed.IsSuccess && !parsed.Value.IsQuery)
            {
                scope = deliveries.Begin(workspace, delivery.ReplayKey, delivery.Remember);
                if (await WasHandledAsync(deliveries, workspace, delivery.ReplayKey, "command", _logger, cancellationToken))
                    return Repeated(command.TeamId, delivery);
            }
            if (_logger.IsEnabled(LogLevel.Information))
                _logger.Received("command", command.UserId, command.TeamId, LoggableVerb(command.Text, dispatcher.Parser));
            var context = new CommandContext(workspace, PlatformId.Slack, new UserId(command.UserId), new ChannelId(command.ChannelId), options.CurrentValue.CommandName)
            {
                DeliveryKey = command.TriggerId is null ? null : "slack-trigger:" + command.TriggerId,
                ReplyAddress = command.ResponseUrl,
            };
            var reply = parsed.IsSuccess
                ? await dispatcher.DispatchAsync(context, parsed.Value, cancellationToken)
                : CommandDispatcher.ErrorReply(parsed.Error, context);
            if (scope is not null)
                await deliveries.CompleteAsync(scope, cancellationToken);
            return reply switch
            {
                MessageReply message => SlackAnswer.With(SlackReplies.Message(message.Message, message.IsPublic)),
                OpenDeclareFormReply form => await OpenFormAsync(form.Form, command, cancellationToken),
                _ => SlackAnswer.Empty,
            };
        }
        catch (Exception e) when (scope?.IsRepeat(e) == true)
        {
            // A copy of this delivery was being handled at the same moment and stored its change first.
            return Repeated(command.TeamId, delivery);
        }
        catch (StoreUnavailableException e)
        {
            _logger.Failed(e, "command", command.TeamId, reference);
            return SlackAnswer.With(SlackReplies.Text(SlackReplies.StoreUnavailable));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.Failed(e, "command", command.TeamId, reference);
            return SlackAnswer.With(SlackReplies.Text(SlackReplies.Failure(reference)));
        }
        finally
        {
            scope?.Dispose();
        }
    }

    private SlackAnswer Repeated(string teamId, SlackDelivery delivery)
    {
        _logger.Repeated("command", teamId, delivery.Retry);
        return SlackAnswer.With(SlackReplies.Text("This exact request was already handled; nothing was done twice."));
    }

    private async Task<SlackAnswer> OpenFormAsync(DeclareForm form, SlashCommand command, CancellationToken cancellationToken)
    {
        if (command.TriggerId is not null && await forms.OpenAsync(command.TeamId, command.TriggerId, form, cancellationToken))
            return SlackAnswer.Empty;
        var reason = command.TriggerId is null ? "Give the incident a title" : "I couldn't open the declare form just now. Type it instead";
        return SlackAnswer.With(SlackReplies.Text($"{reason}: `{options.CurrentValue.CommandName} {DeclareSyntax.UsageLine}`"));
    }

    /// <summary>
    /// Whether the delivery was handled before (its claim is stored with the change it made).
    /// When the store cannot be reached the delivery is handled as new: a declare must still be kept
    /// (its own receipt stops a double declare), and the change's unit still refuses a replay.
    /// </summary>
    internal static async Task<bool> WasHandledAsync(
        DeliveryLedger deliveries, WorkspaceId workspace, string replayKey, string kind, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            return await deliveries.WasHandledAsync(workspace, replayKey, cancellationToken);
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
