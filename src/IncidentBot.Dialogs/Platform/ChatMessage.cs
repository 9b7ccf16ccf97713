namespace IncidentBot.Dialogs.Platform;

/// <summary>
/// A platform-neutral message: a plain fallback text (notifications, screen readers) and
/// blocks that Slack renders as Block Kit and Teams as an Adaptive Card. Text inside uses
/// Slack's mrkdwn conventions (<c>*bold*</c>, <c>&lt;@U1&gt;</c> mentions, <c>&lt;url|label&gt;</c>
/// links, <c>&amp;amp;</c> escapes); other platforms translate it.
/// </summary>
public sealed record ChatMessage(string Text, IReadOnlyList<MessageBlock> Blocks)
{
    public static ChatMessage Plain(string text) => new(text, [new TextBlock(text)]);
}
