using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Teams.Cards;

/// <summary>
/// Turns a neutral <see cref="ChatMessage"/> into an Adaptive Card 1.5. Header → large bold
/// TextBlock; text → TextBlock; fields → FactSet; context → small subtle TextBlock; divider →
/// a separator line on the next element; buttons → an ActionSet of <c>Action.Execute</c> whose
/// verb is the action id, so a press arrives as the same <c>ButtonPress</c> as on Slack.
/// </summary>
public static class TeamsCardRenderer
{
    /// <summary>The data key carrying <see cref="MessageButton.Value"/> back in the invoke.</summary>
    public const string ValueKey = "value";

    public const string BlockIdKey = "blockId";

    /// <summary>The data key that names the action in an Action.Submit fallback (Action.Execute carries it as its verb).</summary>
    public const string SubmitVerbKey = "verb";

    /// <summary>Teams refuses messages over about 28 KB; one text block this long is already unreadable.</summary>
    public const int MaxTextLength = 8000;

    /// <summary>The activity summary: what a notification or the chat list shows.</summary>
    public const int MaxSummaryLength = 300;

    public const int MaxFacts = 30;

    public const int MaxButtonsPerSet = 6;

    public static AdaptiveCard Render(ChatMessage message, TeamsRenderContext context) => Render(message, context, []);

    /// <param name="appended">Elements added after the message (the outcome of a button press).</param>
    public static AdaptiveCard Render(ChatMessage message, TeamsRenderContext context, IReadOnlyList<CardElement> appended)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mentions = new List<CardMention>();
        var body = new List<CardElement>();
        var separateNext = false;
        foreach (var block in message.Blocks)
        {
            CardElement? element = block switch
            {
                HeaderBlock { Text: var header } when TeamsMarkdown.Literal(header, context) is var text && !string.IsNullOrWhiteSpace(text) =>
                    new CardTextBlock(Cut(text)) { Size = "Medium", Weight = "Bolder" },
                TextBlock { Text: var text } when HasWords(text) =>
                    new CardTextBlock(Cut(TeamsMarkdown.ToCardText(text, context, mentions))),
                FieldsBlock { Fields.Count: > 0 } fields =>
                    new CardFactSet([.. fields.Fields.Take(MaxFacts).Select(f => new CardFact(
                        TeamsMarkdown.ToPlainText(f.Label, context), Cut(TeamsMarkdown.ToCardText(f.Value, context, mentions))))]),
                ContextBlock { Text: var text } when HasWords(text) =>
                    new CardTextBlock(Cut(TeamsMarkdown.ToCardText(text, context, mentions))) { Size = "Small", IsSubtle = true },
                ImageBlock { Url: var url, AltText: var alt } when IsShowable(url) =>
                    new CardImage(url) { AltText = Cut(alt), Size = "Stretch" },
                ButtonsBlock { Buttons.Count: > 0 } buttons =>
                    new CardActionSet([.. buttons.Buttons.Take(MaxButtonsPerSet).Select(b => Button(buttons.BlockId, b))]),
                _ => null,
            };
            if (block is DividerBlock)
            {
                separateNext = true;
                continue;
            }
            if (element is null)
                continue;
            body.Add(separateNext ? element with { Separator = true } : element);
            separateNext = false;
        }
        body.AddRange(appended);
        if (body.Count == 0)
            body.Add(new CardTextBlock(Cut(TeamsMarkdown.ToCardText(message.Text, context, mentions))));
        return new AdaptiveCard
        {
            Body = body,
            Teams = new CardTeamsExtension { Entities = mentions.Count > 0 ? mentions : null },
        };
    }

    // Whitespace-only text made an empty TextBlock nobody needs, as it did when text was a string.
    private static bool HasWords(RichText text) => !string.IsNullOrWhiteSpace(text.ToPlainText());

    /// <summary>Teams shows https images and inline <c>data:image/…</c> URIs; anything else is left out.</summary>
    private static bool IsShowable(string url) =>
        url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("data:image/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The plain text Teams shows in notifications and the chat list.</summary>
    public static string Summary(ChatMessage message, TeamsRenderContext context)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = TeamsMarkdown.ToPlainText(message.Text, context).ReplaceLineEndings(" ");
        return TextCut.Shorten(text, MaxSummaryLength);
    }

    private static CardExecuteAction Button(string blockId, MessageButton button)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal) { [ValueKey] = button.Value, [BlockIdKey] = blockId };
        var style = button.Style switch
        {
            ButtonStyle.Primary => "positive",
            ButtonStyle.Danger => "destructive",
            _ => null,
        };
        return new CardExecuteAction
        {
            Title = button.Label,
            Verb = button.ActionId,
            Data = data,
            Style = style,
            // A host without Action.Execute would show no button at all; its Action.Submit arrives as
            // a message whose value carries the verb, and reaches the same handler (TeamsCardActions.SubmitAsync).
            Fallback = new CardSubmitAction
            {
                Title = button.Label,
                Style = style,
                Data = new Dictionary<string, string>(data, StringComparer.Ordinal) { [SubmitVerbKey] = button.ActionId },
            },
        };
    }

    private static string Cut(string text) => TextCut.Shorten(text, MaxTextLength);
}
