namespace IncidentBot.Slack;

/// <summary>Cutting text to Slack's length limits.</summary>
internal static class SlackText
{
    /// <summary>At most <paramref name="max"/> UTF-16 units, ending with an ellipsis when cut.</summary>
    public static string Truncate(string text, int max)
    {
        if (text.Length <= max)
            return text;
        return string.Concat(text.AsSpan(0, SafeCut(text, max - 1)), "…");
    }

    /// <summary>At most <paramref name="max"/> UTF-16 units, no ellipsis: for ids and values a handler parses.</summary>
    public static string Cut(string text, int max) =>
        text.Length <= max ? text : text[..SafeCut(text, max)];

    // Never leave half a surrogate pair (an emoji): Slack rejects or garbles a lone surrogate.
    private static int SafeCut(string text, int length) =>
        length > 0 && char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;
}
