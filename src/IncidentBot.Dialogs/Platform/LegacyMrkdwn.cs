using System.Globalization;
using System.Text.RegularExpressions;
using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Platform;

/// <summary>
/// Reads text stored as Slack mrkdwn before <see cref="RichText"/> existed (an outgoing message, an
/// outbox item, a Teams card record) into runs, so no adapter ever parses another platform's markup.
/// The one place that knows the old grammar: <c>*bold*</c>, <c>_italic_</c>, <c>`code`</c>,
/// <c>&lt;@user&gt;</c>, <c>&lt;#channel&gt;</c>, <c>&lt;url|label&gt;</c>,
/// <c>&lt;!date^…|fallback&gt;</c> and the <c>&amp;amp;</c>, <c>&amp;lt;</c>, <c>&amp;gt;</c> escapes.
/// New code never writes mrkdwn; delete this once no stored message older than its retention is read.
/// </summary>
public static partial class LegacyMrkdwn
{
    public static RichText Read(string mrkdwn)
    {
        ArgumentNullException.ThrowIfNull(mrkdwn);
        var builder = new RichTextBuilder(0, 0);
        Append(ref builder, mrkdwn);
        return builder.Build();
    }

    private static void Append(ref RichTextBuilder builder, string text)
    {
        var position = 0;
        foreach (Match match in Markup().Matches(text))
        {
            builder.AppendFormatted(ChatText.Unescape(text[position..match.Index]));
            if (match.Groups["ref"].Success)
                builder.AppendFormatted(Reference(match.Groups["ref"].Value));
            else if (match.Groups["code"].Success)
                builder.AppendFormatted(RichText.Code(ChatText.Unescape(match.Groups["code"].Value)));
            else if (match.Groups["bold"].Success)
                builder.AppendFormatted(new BoldRun(Read(match.Groups["bold"].Value)));
            else
                builder.AppendFormatted(new ItalicRun(Read(match.Groups["italic"].Value)));
            position = match.Index + match.Length;
        }
        builder.AppendFormatted(ChatText.Unescape(text[position..]));
    }

    private static RichText Reference(string inner)
    {
        var bar = inner.IndexOf('|', StringComparison.Ordinal);
        var (target, label) = bar < 0 ? (inner, null) : (inner[..bar], ChatText.Unescape(inner[(bar + 1)..]));
        if (target.StartsWith('@'))
            return RichText.From([new MentionRun(new UserId(target[1..]))]);
        if (target.StartsWith('#'))
            return RichText.Channel(new ChannelId(target[1..]));
        if (target.StartsWith("!date^", StringComparison.Ordinal))
        {
            // <!date^1732540000^{date_short_pretty} {time}|2025-11-25 13:00 UTC>
            var parts = target.Split('^', 3);
            if (parts.Length == 3 && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
                return RichText.From([new DateRun(DateTimeOffset.FromUnixTimeSeconds(seconds), parts[2], label ?? "")]);
            return RichText.Text(label ?? "");
        }
        if (target.StartsWith('!'))
            return RichText.Text(label ?? "@" + target[1..]);
        var url = ChatText.Unescape(target);
        return RichText.Link(url, label ?? url);
    }

    // A reference (mention, channel, special token, link with a scheme), inline code, bold or italic.
    // Bold and italic are Slack's: the marks stand outside words, so snake_case and 2*3*4 stay words.
    [GeneratedRegex("""<(?<ref>[@#!][^<>\n]{1,2000}|[A-Za-z][A-Za-z0-9+.\-]{0,31}:[^<>\n]{1,2000})>|`(?<code>[^`\n]+)`|(?<![\p{L}\p{N}*])\*(?![\s*])(?<bold>[^*\n]*?[^\s*])\*(?![\p{L}\p{N}*])|(?<![\p{L}\p{N}_])_(?![\s_])(?<italic>[^_\n]*?[^\s_])_(?![\p{L}\p{N}_])""")]
    private static partial Regex Markup();
}
