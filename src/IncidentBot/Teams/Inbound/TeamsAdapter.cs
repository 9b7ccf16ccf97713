using System.Runtime.ExceptionServices;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Teams.Cards;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Rest.Serialization;
using Newtonsoft.Json.Serialization;

namespace IncidentBot.Teams.Inbound;

/// <summary>
/// The one Bot Framework adapter: authenticates inbound activities (when an app id is set),
/// runs turns, and owns <c>OnTurnError</c>. A failed inbound turn is logged with a reference the
/// person sees; a failed proactive turn (a job sending a message) is rethrown so the job retries.
/// </summary>
public sealed class TeamsAdapter : CloudAdapter
{
    private readonly ILogger<TeamsAdapter> _logger;

    /// <summary>The SDK's own lines (several Information lines a turn, with whole conversation ids) go to its category, <c>Microsoft.Bot</c>.</summary>
    public const string SdkLogCategory = "Microsoft.Bot.Builder.CloudAdapter";

    public TeamsAdapter(BotFrameworkAuthentication authentication, ILogger<TeamsAdapter> logger, ILoggerFactory loggers)
        : base(authentication, (loggers ?? throw new ArgumentNullException(nameof(loggers))).CreateLogger(SdkLogCategory))
    {
        _logger = logger;
        OnTurnError = HandleTurnErrorAsync;
        Use(new SharedContractsMiddleware());
    }

    /// <summary>Authenticates and runs one activity; the answer for an invoke, null otherwise.</summary>
    /// <exception cref="UnauthorizedAccessException">The request is not from the Bot Framework.</exception>
    public Task<InvokeResponse> ProcessAsync(string? authorization, Activity activity, IBot bot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bot);
        return ProcessActivityAsync(authorization ?? "", activity, bot.OnTurnAsync, cancellationToken);
    }

    /// <summary>
    /// The SDK gives every turn's <see cref="ConnectorClient"/> its own Newtonsoft contract resolver, which
    /// rebuilds the Activity contracts by reflection; one shared (thread-safe) resolver builds them once.
    /// </summary>
    private sealed class SharedContractsMiddleware : Microsoft.Bot.Builder.IMiddleware
    {
        private static readonly IContractResolver Contracts = new ReadOnlyJsonContractResolver();

        public Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
        {
            if (turnContext.TurnState.Get<IConnectorClient>() is ConnectorClient client)
            {
                client.SerializationSettings.ContractResolver = Contracts;
                client.DeserializationSettings.ContractResolver = Contracts;
            }
            return next(cancellationToken);
        }
    }

    private async Task HandleTurnErrorAsync(ITurnContext turn, Exception exception)
    {
        var activity = turn.Activity;
        if (activity.Type == ActivityTypes.Event && activity.Name is ActivityEventNames.ContinueConversation or ActivityEventNames.CreateConversation)
            ExceptionDispatchInfo.Capture(exception).Throw();

        var reference = ReplyTexts.NewReference();
        _logger.TurnFailed(exception, activity.Type ?? "-", TeamsTurn.TenantOf(activity) ?? "-", reference);
        try
        {
            if (activity.Type == ActivityTypes.Invoke)
            {
                await turn.SendActivityAsync(new Activity(ActivityTypesEx.InvokeResponse)
                {
                    Value = new InvokeResponse
                    {
                        Status = 200,
                        Body = new AdaptiveCardInvokeResponse
                        {
                            StatusCode = 200,
                            Type = "application/vnd.microsoft.activity.message",
                            Value = TeamsMarkdown.ToPlainText(TeamsReplies.Failure(reference), TeamsRenderContext.Empty),
                        },
                    },
                });
            }
            else if (activity.Type == ActivityTypes.Message)
            {
                await turn.SendActivityAsync(TeamsReplies.Card(ChatMessage.Plain(TeamsReplies.Failure(reference)), TeamsRenderContext.Empty));
            }
        }
#pragma warning disable CA1031 // The error answer is best effort: the failure is already logged with its reference.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _logger.FailureReplyNotSent(e, reference);
        }
    }
}
