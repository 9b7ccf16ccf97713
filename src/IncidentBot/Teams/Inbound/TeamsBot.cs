using IncidentBot.Dialogs.Platform;
using IncidentBot.Teams.Cards;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace IncidentBot.Teams.Inbound;

/// <summary>
/// The activity handler: translates and delegates, nothing more. Every activity passes the
/// intake (repeats dropped, conversation references kept); messages go to the command and
/// dialog path, card presses to the card actions, installs are remembered and welcomed.
/// Unknown invokes get the SDK's 501; unknown events are accepted and ignored.
/// </summary>
public sealed class TeamsBot(TeamsIntake intake, TeamsMessageTurns messages, TeamsCardActions cards, TeamsResponder responder) : ActivityHandler
{
    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (TeamsTurn.From(turnContext.Activity) is not { } who)
            return; // the endpoint refuses activities without tenant, conversation or sender
        using var delivery = intake.Begin(turnContext.Activity, who);
        try
        {
            if (!await intake.AcceptAsync(turnContext.Activity, who, cancellationToken))
                return;
            turnContext.TurnState.Set(who);
            await base.OnTurnAsync(turnContext, cancellationToken);
            if (delivery is not null)
                await intake.CompleteAsync(delivery, cancellationToken);
        }
        catch (Exception e) when (delivery?.IsRepeat(e) == true)
        {
            // The Connector delivered it twice at once and the other copy stored its change first.
        }
    }

    protected override Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken) =>
        messages.HandleAsync(turnContext, Who(turnContext), cancellationToken);

    protected override async Task OnConversationUpdateActivityAsync(ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        var who = Who(turnContext);
        if (await intake.MembersAddedAsync(turnContext.Activity, who, cancellationToken) && who.IsPersonal)
            await responder.ReplyAsync(turnContext, who, Welcome, cancellationToken);
    }

    /// <summary>The install itself: its references were kept by the intake.</summary>
    protected override Task OnInstallationUpdateActivityAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected override Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(
        ITurnContext<IInvokeActivity> turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(invokeValue);
        return cards.ExecuteAsync(Who(turnContext), invokeValue.Action?.Verb, TeamsCardActions.Strings(invokeValue.Action?.Data),
            turnContext.Activity.ReplyToId, cancellationToken);
    }

    private static TeamsTurn Who(ITurnContext turnContext) =>
        turnContext.TurnState.Get<TeamsTurn>() ?? throw new InvalidOperationException("The turn was not admitted by the intake.");

    private static readonly ChatMessage Welcome = ChatMessage.Plain(RichText.Of(
        $"👋 I'm IncidentBot. I'll send you pages and reminders here. Type {RichText.Code("declare")} to declare an incident, or {RichText.Code("help")} for everything I can do."));
}
