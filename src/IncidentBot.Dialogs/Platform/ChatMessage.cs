namespace IncidentBot.Dialogs.Platform;

/// <summary>
/// A platform-neutral message: a fallback text (notifications, screen readers) and blocks that
/// Slack renders as Block Kit and Teams as an Adaptive Card. Text is <see cref="RichText"/>, which
/// each adapter renders in its own markup.
/// </summary>
public sealed record ChatMessage(RichText Text, IReadOnlyList<MessageBlock> Blocks)
{
    public static ChatMessage Plain(RichText text) => new(text, [new TextBlock(text)]);

    /// <summary>A message whose fallback text is the words of its blocks, one block a line.</summary>
    public static ChatMessage Of(IReadOnlyList<MessageBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var texts = blocks.Select(block => block switch
        {
            HeaderBlock h => h.Text,
            TextBlock t => t.Text,
            ContextBlock c => c.Text,
            FieldsBlock f => RichText.Join(RichText.LineBreak, f.Fields.Select(field => RichText.Of($"{field.Label}: {field.Value}"))),
            ImageBlock i => RichText.Text(i.AltText),
            _ => RichText.Empty,
        }).Where(text => !text.IsEmpty);
        return new(RichText.Join(RichText.LineBreak, texts), blocks);
    }
}
