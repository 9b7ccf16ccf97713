using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Teams.Cards;

/// <summary>
/// Renders <see cref="RichText"/> as Adaptive Card text for Teams:
/// <list type="bullet">
/// <item>Plain words are escaped (<c>\*</c>, <c>\_</c>, <c>\[</c>…), so a title typed as <c>*x*</c> or
/// <c>[x](url)</c> shows as typed, and <c>{{</c> cannot start a date function.</item>
/// <item>Bold → <c>**bold**</c>, italic → <c>_italic_</c>, code → <c>`code`</c>.</item>
/// <item>A mention → <c>&lt;at&gt;Name&lt;/at&gt;</c> plus a mention entity for the card's <c>msteams.entities</c>.</item>
/// <item>A channel → the incident thread's name, linked when the id is a channel thread.</item>
/// <item>A link → <c>[label](url)</c>; a date → <c>{{DATE()}} {{TIME()}}</c>, shown in the reader's zone.</item>
/// <item>Lines: Teams joins lines that one line break separates into one paragraph, and breaks
/// only between list items and at blank lines. So "•" lines become a Markdown list and other
/// lines paragraphs of their own.</item>
/// </list>
/// Text stored as mrkdwn before runs existed is read into runs in the domain (<see cref="LegacyMrkdwn"/>),
/// so nothing here parses Slack markup.
/// </summary>
public static partial class TeamsMarkdown
{
    public static string ToCardText(RichText text, TeamsRenderContext context, ICollection<CardMention> mentions)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder();
        AppendCard(builder, text, context, mentions);
        return Lines(builder.ToString());
    }

    /// <summary>Plain text for notifications, the activity summary and fact labels: no markup, mentions as @Name, times in UTC.</summary>
    public static string ToPlainText(RichText text, TeamsRenderContext context)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder();
        AppendPlain(builder, text, context);
        return builder.ToString();
    }

    /// <summary>A header: its words exactly as written, with no link a reader could be fooled by.</summary>
    public static string Literal(RichText text, TeamsRenderContext context)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ToPlainText(text, context).Replace("](", "]\u200B(", StringComparison.Ordinal);
    }

    /// <summary>The deep link Teams opens for a channel thread (<c>19:…@thread.tacv2;messageid=…</c>), or null.</summary>
    public static string? ThreadLink(string conversationId, string? tenantId)
    {
        var marker = conversationId.IndexOf(";messageid=", StringComparison.Ordinal);
        if (marker < 0)
            return null;
        var channel = conversationId[..marker];
        var message = conversationId[(marker + ";messageid=".Length)..];
        var link = $"https://teams.microsoft.com/l/message/{Uri.EscapeDataString(channel)}/{Uri.EscapeDataString(message)}?parentMessageId={Uri.EscapeDataString(message)}";
        return tenantId is { Length: > 0 } ? link + "&tenantId=" + Uri.EscapeDataString(tenantId) : link;
    }

    /// <summary>Teams shows the DATE/TIME functions in each reader's own time zone, as Slack does with its date token.</summary>
    internal static string DateFunctions(DateTimeOffset at, string format)
    {
        var iso = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var hasDate = format.Contains("{date", StringComparison.Ordinal);
        var hasTime = format.Contains("{time", StringComparison.Ordinal);
        var date = $"{{{{DATE({iso}, SHORT)}}}}";
        var time = $"{{{{TIME({iso})}}}}";
        return (hasDate, hasTime) switch
        {
            (true, false) => date,
            (false, true) => time,
            _ => date + " " + time,
        };
    }

    internal static string Lines(string text)
    {
        if (!text.Contains('\n', StringComparison.Ordinal))
            return text;
        var builder = new StringBuilder(text.Length + 16);
        var previousWasItem = false;
        foreach (var line in text.Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line))
                continue;
            var item = ListItem().Match(line);
            if (builder.Length > 0)
                builder.Append(item.Success && previousWasItem ? "\n" : "\n\n");
            builder.Append(item.Success ? "- " + item.Groups[1].Value : line.TrimEnd());
            previousWasItem = item.Success;
        }
        return builder.ToString();
    }

    private static void AppendCard(StringBuilder builder, RichText text, TeamsRenderContext context, ICollection<CardMention> mentions)
    {
        foreach (var run in text.Runs)
        {
            switch (run)
            {
                case PlainRun plain:
                    builder.Append(Escape(plain.Text));
                    break;
                case BoldRun bold:
                    builder.Append("**");
                    AppendCard(builder, bold.Content, context, mentions);
                    builder.Append("**");
                    break;
                case ItalicRun italic:
                    builder.Append('_');
                    AppendCard(builder, italic.Content, context, mentions);
                    builder.Append('_');
                    break;
                case CodeRun code:
                    builder.Append('`').Append(code.Text.Replace("`", "'", StringComparison.Ordinal)).Append('`');
                    break;
                case MentionRun mention:
                    builder.Append(Mention(mention.User.Value, context, mentions));
                    break;
                case ChannelRun channel:
                    var name = Escape(ThreadName(channel.Channel.Value, context));
                    builder.Append(ThreadLink(channel.Channel.Value, context.TenantId) is { } thread ? $"[{name}]({thread})" : $"**{name}**");
                    break;
                case LinkRun link:
                    builder.Append('[').Append(Escape(link.Label)).Append("](").Append(link.Url.Replace(")", "%29", StringComparison.Ordinal)).Append(')');
                    break;
                case DateRun date:
                    builder.Append(DateFunctions(date.At, date.Format));
                    break;
                case LineBreakRun:
                    builder.Append('\n');
                    break;
            }
        }
    }

    private static void AppendPlain(StringBuilder builder, RichText text, TeamsRenderContext context)
    {
        foreach (var run in text.Runs)
        {
            switch (run)
            {
                case PlainRun plain: builder.Append(plain.Text); break;
                case BoldRun bold: AppendPlain(builder, bold.Content, context); break;
                case ItalicRun italic: AppendPlain(builder, italic.Content, context); break;
                case CodeRun code: builder.Append(code.Text); break;
                case MentionRun mention: builder.Append('@').Append(context.PeopleNames.GetValueOrDefault(mention.User.Value) ?? "someone"); break;
                case ChannelRun channel: builder.Append(ThreadName(channel.Channel.Value, context)); break;
                case LinkRun link: builder.Append(link.Label); break;
                case DateRun date: builder.Append(date.Fallback); break;
                case LineBreakRun: builder.Append('\n'); break;
            }
        }
    }

    private static string Mention(string id, TeamsRenderContext context, ICollection<CardMention> mentions)
    {
        var name = SafeName(context.PeopleNames.GetValueOrDefault(id) ?? "someone");
        var text = $"<at>{name}</at>";
        if (!mentions.Any(m => m.Text == text && m.Mentioned.Id == id))
            mentions.Add(new CardMention(text, new CardMentioned(id, name)));
        return text;
    }

    // A name goes between <at> and </at>: angle brackets would end the tag early.
    internal static string SafeName(string name)
    {
        var cleaned = new StringBuilder(name.Length);
        foreach (var c in WebUtility.HtmlDecode(name))
            cleaned.Append(c is '<' or '>' || char.IsControl(c) ? ' ' : c);
        var result = cleaned.ToString().Trim();
        return result.Length == 0 ? "someone" : result;
    }

    private static string ThreadName(string id, TeamsRenderContext context) =>
        "#" + (context.ThreadNames.GetValueOrDefault(id) ?? "incident thread").TrimStart('#');

    /// <summary>
    /// People's words in Adaptive Card Markdown (a CommonMark subset): the characters that start
    /// emphasis, code or a link are backslash-escaped, and <c>{{</c> is split so that it cannot
    /// start a DATE/TIME function.
    /// </summary>
    internal static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny(MarkdownCharacters) < 0 && !text.Contains("{{", StringComparison.Ordinal))
            return text;
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (MarkdownCharacters.Contains(c))
                builder.Append('\\');
            builder.Append(c);
        }
        return builder.ToString().Replace("{{", "{\u200B{", StringComparison.Ordinal);
    }

    private static readonly SearchValues<char> MarkdownCharacters = SearchValues.Create("\\*_`[]");

    // A bullet line as the neutral text writes it (•) or as Markdown does (- or * and a space).
    [GeneratedRegex(@"^\s*[•\-*]\s+(.*?)\s*$")]
    private static partial Regex ListItem();
}
