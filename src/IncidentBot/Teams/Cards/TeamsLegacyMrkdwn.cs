using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace IncidentBot.Teams.Cards;

/// <summary>
/// Legacy (issue 17): translates text written in Slack mrkdwn (a <c>MrkdwnRun</c>: a producer not yet
/// converted to <c>RichText</c> runs, or a message stored before them) into Adaptive Card text.
/// Delete it once no producer makes a <c>MrkdwnRun</c> and no stored message older than a day is read.
/// <list type="bullet">
/// <item><c>*bold*</c> → <c>**bold**</c>; <c>_italic_</c> is the same in both.</item>
/// <item><c>&lt;@id&gt;</c> → <c>&lt;at&gt;Name&lt;/at&gt;</c> plus a mention entity for the card's <c>msteams.entities</c>.</item>
/// <item><c>&lt;#id&gt;</c> → the incident thread's name, linked when the id is a channel thread.</item>
/// <item><c>&lt;url|label&gt;</c> → <c>[label](url)</c>; <c>&lt;!date^…&gt;</c> → <c>{{DATE()}} {{TIME()}}</c>, shown in the reader's zone.</item>
/// <item><c>&amp;amp;</c>, <c>&amp;lt;</c>, <c>&amp;gt;</c> → the characters.</item>
/// <item>Lines: Teams joins lines that one line break separates into one paragraph, and breaks
/// only between list items and at blank lines. So "•" lines become a Markdown list and other
/// lines paragraphs of their own.</item>
/// </list>
/// Only real references are translated: angle brackets around anything else (a usage
/// placeholder such as <c>&lt;title&gt;</c>) stay text, never a link.
/// People's own words arrive escaped, so they cannot forge a mention; a Markdown link typed into
/// a title (<c>[x](url)</c>) is disarmed so it shows as typed instead of as a disguised link.
/// The translation parks each reference as <c>U+0001 n U+0002</c> while the rest is converted;
/// those two control characters are removed from the input first, so text someone typed can
/// neither point at another reference (a forged mention or link) nor name one that does not exist.
/// </summary>
internal static partial class TeamsLegacyMrkdwn
{
    private const char Open = '\u0001';
    private const char Close = '\u0002';

    public static string ToCardText(string text, TeamsRenderContext context, ICollection<CardMention> mentions) =>
        TeamsMarkdown.Lines(ToCardTextInline(text, context, mentions));

    /// <summary>Like <see cref="ToCardText"/>, without laying out lines: for a piece of a longer text.</summary>
    public static string ToCardTextInline(string text, TeamsRenderContext context, ICollection<CardMention> mentions)
    {
        ArgumentNullException.ThrowIfNull(text);
        var replacements = new List<string>();
        var protectedText = Reference().Replace(WithoutPlaceholderMarks(text), match =>
        {
            replacements.Add(TranslateReference(match.Groups[1].Value, context, mentions));
            return string.Create(CultureInfo.InvariantCulture, $"{Open}{replacements.Count - 1}{Close}");
        });
        var converted = Bold().Replace(protectedText, "**$1**");
        converted = Decode(converted).Replace("](", "]\u200B(", StringComparison.Ordinal);
        return Placeholder().Replace(converted, match =>
            int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < replacements.Count
                ? replacements[index]
                : "");
    }

    /// <summary>Plain text for notifications and the activity summary: no markup, mentions as @Name, times in UTC.</summary>
    public static string ToPlainText(string text, TeamsRenderContext context)
    {
        ArgumentNullException.ThrowIfNull(text);
        var plain = Reference().Replace(WithoutPlaceholderMarks(text), match => PlainReference(match.Groups[1].Value, context));
        plain = Bold().Replace(plain, "$1");
        return Decode(plain);
    }

    /// <summary>Text that must show exactly as written (a header that is already plain text).</summary>
    public static string Literal(string text) => WithoutPlaceholderMarks(text).Replace("](", "]\u200B(", StringComparison.Ordinal);

    private static string TranslateReference(string inner, TeamsRenderContext context, ICollection<CardMention> mentions)
    {
        var (target, label) = Split(inner);
        if (target.StartsWith('@') && target.Length > 1)
        {
            var id = target[1..];
            var name = SafeName(context.PeopleNames.GetValueOrDefault(id) ?? label ?? "someone");
            var text = $"<at>{name}</at>";
            if (!mentions.Any(m => m.Text == text && m.Mentioned.Id == id))
                mentions.Add(new CardMention(text, new CardMentioned(id, name)));
            return text;
        }
        if (target.StartsWith('#') && target.Length > 1)
        {
            var id = target[1..];
            var name = "#" + (context.ThreadNames.GetValueOrDefault(id) ?? label ?? "incident thread").TrimStart('#');
            return TeamsMarkdown.ThreadLink(id, context.TenantId) is { } link ? $"[{name}]({link})" : $"**{name}**";
        }
        if (target.StartsWith("!date^", StringComparison.Ordinal))
            return DateToken(target, label);
        if (target.StartsWith('!'))
            return "@" + target[1..];
        var url = Decode(target);
        return $"[{Decode(label ?? url)}]({url})";
    }

    private static string PlainReference(string inner, TeamsRenderContext context)
    {
        var (target, label) = Split(inner);
        if (target.StartsWith('@') && target.Length > 1)
            return "@" + (context.PeopleNames.GetValueOrDefault(target[1..]) ?? label ?? "someone");
        if (target.StartsWith('#') && target.Length > 1)
            return "#" + (context.ThreadNames.GetValueOrDefault(target[1..]) ?? label ?? "incident thread").TrimStart('#');
        if (target.StartsWith('!'))
            return label ?? "";
        return label ?? target;
    }

    // <!date^1732540000^{date_short_pretty} {time}|2025-11-25 13:00 UTC>
    private static string DateToken(string target, string? fallback)
    {
        var parts = target.Split('^');
        if (parts.Length < 2 || !long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
            return fallback ?? "";
        return TeamsMarkdown.DateFunctions(DateTimeOffset.FromUnixTimeSeconds(seconds), parts.Length > 2 ? parts[2] : "{date_short_pretty} {time}");
    }

    private static (string Target, string? Label) Split(string inner)
    {
        var bar = inner.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? (inner, null) : (inner[..bar], inner[(bar + 1)..]);
    }

    // A name goes between <at> and </at>: angle brackets would end the tag early.
    internal static string SafeName(string name)
    {
        var cleaned = new StringBuilder(name.Length);
        foreach (var c in WebUtility.HtmlDecode(name))
            cleaned.Append(c is '<' or '>' or Open or Close ? ' ' : c);
        var result = cleaned.ToString().Trim();
        return result.Length == 0 ? "someone" : result;
    }

    /// <summary>The translation's own marks are control characters nobody types on purpose: dropped, never interpreted.</summary>
    private static string WithoutPlaceholderMarks(string text) =>
        text.AsSpan().IndexOfAny(Open, Close) < 0 ? text : text.Replace(Open.ToString(), "", StringComparison.Ordinal).Replace(Close.ToString(), "", StringComparison.Ordinal);

    private static string Decode(string text) =>
        text.Contains('&', StringComparison.Ordinal)
            ? text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal)
            : text;

    // A mention, a thread, a special token (<!date^…>, <!here>) or a link with a scheme; not <title>.
    [GeneratedRegex(@"<([@#!][^<>\n]{1,2000}|[A-Za-z][A-Za-z0-9+.\-]{0,31}:[^<>\n]{1,2000})>")]
    private static partial Regex Reference();

    // Slack bold: *text* not inside a word; Adaptive Card Markdown wants **text**.
    [GeneratedRegex(@"(?<![\p{L}\p{N}*])\*(?![\s*])([^*\n]*?[^\s*])\*(?![\p{L}\p{N}*])")]
    private static partial Regex Bold();

    [GeneratedRegex("\u0001(\\d+)\u0002")]
    private static partial Regex Placeholder();
}
