using System.Globalization;
using System.Text;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Slack.BlockKit;

/// <summary>
/// Renders <see cref="RichText"/> as Slack mrkdwn. Slack reads only <c>&amp;</c>, <c>&lt;</c> and
/// <c>&gt;</c> as control characters in text, so escaping those three is what keeps people's
/// words from becoming a mention, a link or a broadcast.
/// </summary>
public static class SlackMrkdwn
{
    public static string Render(RichText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder();
        Append(builder, text);
        return builder.ToString();
    }

    /// <summary>For <c>plain_text</c> objects (headers): the words, with no markup and no escapes.</summary>
    public static string RenderPlain(RichText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.ToPlainText();
    }

    private static void Append(StringBuilder builder, RichText text)
    {
        foreach (var run in text.Runs)
        {
            switch (run)
            {
                case PlainRun plain:
                    builder.Append(ChatText.Escape(plain.Text));
                    break;
                case BoldRun bold:
                    builder.Append('*');
                    Append(builder, bold.Content);
                    builder.Append('*');
                    break;
                case ItalicRun italic:
                    builder.Append('_');
                    Append(builder, italic.Content);
                    builder.Append('_');
                    break;
                case CodeRun code:
                    builder.Append('`').Append(ChatText.Escape(code.Text)).Append('`');
                    break;
                case MentionRun mention:
                    builder.Append("<@").Append(mention.User.Value).Append('>');
                    break;
                case ChannelRun channel:
                    builder.Append("<#").Append(channel.Channel.Value).Append('>');
                    break;
                case LinkRun link:
                    // The label is replaced by SlackLinks.Disarm so that Slack never unfurls the link; the
                    // address goes as written, only the characters that would end the link are encoded.
                    // A link shown as its own address is written <url>, as Slack itself writes it; & is
                    // escaped in the address as everywhere in mrkdwn (Slack decodes it).
                    var url = link.Url.Replace("&", "&amp;", StringComparison.Ordinal).Replace("|", "%7C", StringComparison.Ordinal).Replace("<", "%3C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal);
                    builder.Append('<').Append(url);
                    if (link.Label != link.Url)
                        builder.Append('|').Append(ChatText.Escape(link.Label).Replace("|", "\u2223", StringComparison.Ordinal));
                    builder.Append('>');
                    break;
                case DateRun date:
                    builder.Append(CultureInfo.InvariantCulture,
                        $"<!date^{date.At.ToUnixTimeSeconds()}^{date.Format}|{ChatText.Escape(date.Fallback)}>");
                    break;
                case LineBreakRun:
                    builder.Append('\n');
                    break;
            }
        }
    }
}
