using System.Globalization;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Slack.BlockKit;

/// <summary>
/// Turns a neutral <see cref="ChatMessage"/> into Block Kit. Text is rendered as mrkdwn by
/// <see cref="SlackMrkdwn"/>, with its links written so that Slack never unfurls them (<see cref="SlackLinks"/>)
/// and Slack's limits applied, since one oversized field makes Slack refuse the whole message
/// (<c>invalid_blocks</c>).
/// </summary>
public static class BlockKitRenderer
{
    public const int MaxBlocks = 50;
    public const int MaxHeaderText = 150;
    public const int MaxSectionText = 3000;
    public const int MaxFieldsPerSection = 10;
    public const int MaxFieldText = 2000;
    public const int MaxContextText = 2000;
    public const int MaxActionsPerBlock = 25;

    /// <summary>Slack's limit for an image block's alt_text.</summary>
    public const int MaxImageAltText = 2000;
    public const int MaxButtonText = 75;
    public const int MaxButtonValue = 2000;
    public const int MaxId = 255;

    /// <summary>Slack truncates <c>text</c> far later, but a notification longer than this helps nobody.</summary>
    public const int MaxFallbackText = 4000;

    public static string FallbackText(ChatMessage message) => TextCut.Shorten(SlackLinks.Disarm(SlackMrkdwn.Render(message.Text)), MaxFallbackText);

    public static JsonArray Render(ChatMessage message) => Render(message.Blocks);

    public static JsonArray Render(IReadOnlyList<MessageBlock> blocks)
    {
        var rendered = new List<JsonObject>();
        foreach (var block in blocks)
        {
            switch (block)
            {
                // Slack refuses empty text objects; an empty block carries nothing worth failing the message for.
                case HeaderBlock { Text: var header } when SlackMrkdwn.RenderPlain(header) is var text && !string.IsNullOrWhiteSpace(text):
                    rendered.Add(Header(text));
                    break;
                case TextBlock { Text: var section } when SlackMrkdwn.Render(section) is var text && !string.IsNullOrWhiteSpace(text):
                    rendered.Add(new JsonObject { ["type"] = "section", ["text"] = Mrkdwn(text, MaxSectionText) });
                    break;
                case FieldsBlock { Fields.Count: > 0 } fields:
                    rendered.AddRange(fields.Fields.Chunk(MaxFieldsPerSection).Select(Fields));
                    break;
                case ContextBlock { Text: var context } when SlackMrkdwn.Render(context) is var text && !string.IsNullOrWhiteSpace(text):
                    rendered.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(Mrkdwn(text, MaxContextText)) });
                    break;
                // Slack fetches image blocks itself, so only a public https address; anything else shows its words.
                case ImageBlock { Url: var url, AltText: var alt } when url.StartsWith("https://", StringComparison.OrdinalIgnoreCase):
                    rendered.Add(new JsonObject { ["type"] = "image", ["image_url"] = url, ["alt_text"] = TextCut.Cut(alt, MaxImageAltText) });
                    break;
                case ImageBlock { AltText: var alt } when !string.IsNullOrWhiteSpace(alt):
                    rendered.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(Mrkdwn(ChatText.Escape(alt), MaxContextText)) });
                    break;
                case DividerBlock:
                    rendered.Add(new JsonObject { ["type"] = "divider" });
                    break;
                case ButtonsBlock { Buttons.Count: > 0 } buttons:
                    rendered.AddRange(buttons.Buttons.Chunk(MaxActionsPerBlock).Select((chunk, i) => Actions(buttons.BlockId, i, chunk)));
                    break;
            }
        }
        // Past 50 blocks Slack refuses the message; losing the tail is the lesser harm.
        return new JsonArray([.. rendered.Take(MaxBlocks)]);
    }

    private static JsonObject Header(string text) => new()
    {
        ["type"] = "header",
        ["text"] = PlainText(text, MaxHeaderText),
    };

    private static JsonObject Fields(MessageField[] fields) => new()
    {
        ["type"] = "section",
        ["fields"] = new JsonArray([.. fields.Select(f => Mrkdwn($"*{SlackMrkdwn.Render(f.Label)}*\n{SlackMrkdwn.Render(f.Value)}", MaxFieldText))]),
    };

    private static JsonObject Actions(string blockId, int index, MessageButton[] buttons) => new()
    {
        ["type"] = "actions",
        // block_id must be unique within a message, so a second row gets a suffix.
        ["block_id"] = index == 0 ? TextCut.Cut(blockId, MaxId) : WithSuffix(blockId, index + 1),
        ["elements"] = new JsonArray([.. buttons.Select(Button)]),
    };

    private static JsonObject Button(MessageButton button)
    {
        var element = new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = TextCut.Cut(button.ActionId, MaxId),
            ["text"] = PlainText(button.Label, MaxButtonText),
        };
        if (button.Value.Length > 0)
            element["value"] = TextCut.Cut(button.Value, MaxButtonValue);
        var style = button.Style switch
        {
            ButtonStyle.Primary => "primary",
            ButtonStyle.Danger => "danger",
            _ => null,
        };
        if (style is not null)
            element["style"] = style;
        return element;
    }

    private static JsonObject PlainText(string text, int max) => new()
    {
        ["type"] = "plain_text",
        ["text"] = TextCut.Shorten(text, max),
        ["emoji"] = true,
    };

    private static JsonObject Mrkdwn(string text, int max) => new()
    {
        ["type"] = "mrkdwn",
        ["text"] = TextCut.Shorten(SlackLinks.Disarm(text), max),
    };

    private static string WithSuffix(string blockId, int row)
    {
        var suffix = string.Create(CultureInfo.InvariantCulture, $".{row}");
        return TextCut.Cut(blockId, MaxId - suffix.Length) + suffix;
    }
}
