using IncidentBot.Dialogs.Platform;
using IncidentBot.Teams.Cards;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace IncidentBot.Teams.Inbound;

/// <summary>Activities the bot sends: every message is an Adaptive Card, with a plain summary for notifications.</summary>
public static class TeamsReplies
{
    public const string StoreUnavailable = "⌛ " + ReplyTexts.StoreUnavailable;

    public static Activity Card(ChatMessage message, TeamsRenderContext context) =>
        Card(TeamsCardRenderer.Render(message, context), TeamsCardRenderer.Summary(message, context));

    public static Activity Card(AdaptiveCard card, string summary)
    {
        var activity = (Activity)Activity.CreateMessageActivity();
        activity.Summary = summary;
        activity.Attachments = [Attachment(card)];
        return activity;
    }

    public static Attachment Attachment(AdaptiveCard card) => new()
    {
        ContentType = AdaptiveCard.ContentType,
        Content = JObject.Parse(TeamsCardJson.Serialize(card)),
    };

    /// <summary>The answer to an <c>Action.Execute</c>: the card that replaces the one pressed, for the presser.</summary>
    public static AdaptiveCardInvokeResponse InvokeCard(AdaptiveCard card) => new()
    {
        StatusCode = 200,
        Type = AdaptiveCard.ContentType,
        Value = JObject.Parse(TeamsCardJson.Serialize(card)),
    };

    public static RichText Failure(string reference) => RichText.Of($"❌ {ReplyTexts.Failure(reference)}");
}
