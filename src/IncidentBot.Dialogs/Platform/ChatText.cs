using System.Text;

namespace IncidentBot.Dialogs.Platform;

/// <summary>Putting people's own words into message text safely.</summary>
public static class ChatText
{
    /// <summary>
    /// Escapes the three characters that mean markup in message text, so a title like
    /// "&lt;script&gt; &amp; co" shows as typed and cannot forge a mention or a link.
    /// </summary>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0)
            return text;
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => null,
            } ?? c.ToString());
        }
        return builder.ToString();
    }

    /// <summary>Reverses <see cref="Escape"/>: Slack sends message text with these escapes.</summary>
    public static string Unescape(string text) =>
        text.Contains('&', StringComparison.Ordinal)
            ? text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal)
            : text;

    /// <summary>Shortens to at most <paramref name="max"/> characters, ending with an ellipsis; see <see cref="TextCut"/>.</summary>
    public static string Truncate(string text, int max) => TextCut.Shorten(text, max);

    /// <summary>A duration as people say it: <c>45m</c>, <c>2h 05m</c>, <c>3d 4h</c>.</summary>
    public static string Duration(TimeSpan span)
    {
        var negative = span < TimeSpan.Zero;
        if (negative)
            span = span.Negate();
        var text = span.TotalMinutes < 1 ? $"{span.Seconds}s"
            : span.TotalHours < 1 ? $"{(int)span.TotalMinutes}m"
            : span.TotalDays < 1 ? $"{(int)span.TotalHours}h {span.Minutes:D2}m"
            : $"{(int)span.TotalDays}d {span.Hours}h";
        return negative ? "-" + text : text;
    }
}
