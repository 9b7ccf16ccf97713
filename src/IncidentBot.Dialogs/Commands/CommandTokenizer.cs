using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Commands;

/// <summary>
/// Splits command text as Slack sends it: words, "quoted strings" (straight or curly
/// quotes), and Slack's escaped references <c>&lt;@U1|name&gt;</c>, <c>&lt;#C1|name&gt;</c>,
/// <c>&lt;url|label&gt;</c>. Literal &amp;, &lt; and &gt; arrive HTML-escaped and are decoded.
/// </summary>
public static class CommandTokenizer
{
    private const string OpeningQuotes = "\"“”„«";
    private const string ClosingQuotes = "\"“”»";

    public static Result<IReadOnlyList<CommandToken>> Tokenize(string text)
    {
        var tokens = new List<CommandToken>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            if (text[i] == '<')
            {
                var close = text.IndexOf('>', i + 1);
                if (close < 0)
                    return new UserError("bad_syntax", $"A {RichText.Code("<")} in the command is not closed.");
                tokens.Add(Reference(text[(i + 1)..close], start, close + 1));
                i = close + 1;
            }
            else if (OpeningQuotes.Contains(text[i], StringComparison.Ordinal))
            {
                var close = text.IndexOfAny(ClosingQuotes.ToCharArray(), i + 1);
                if (close < 0)
                    return new UserError("bad_syntax", "A quotation mark in the command is not closed.");
                tokens.Add(new CommandToken(TokenKind.Quoted, ChatText.Unescape(text[(i + 1)..close]), start, close + 1));
                i = close + 1;
            }
            else
            {
                var word = Word(text, start);
                if (!word.IsSuccess)
                    return word.Error;
                tokens.Add(word.Value);
                i = word.Value.End;
            }
        }
        return tokens;
    }

    private static Result<CommandToken> Word(string text, int start)
    {
        var i = start;
        while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '<')
        {
            // `--desc="two words"`: a quoted value after a flag's '=' belongs to the flag.
            if (text[i] == '=' && i + 1 < text.Length && OpeningQuotes.Contains(text[i + 1], StringComparison.Ordinal)
                && new CommandToken(TokenKind.Word, text[start..i], start, i).IsFlag)
            {
                var close = text.IndexOfAny(ClosingQuotes.ToCharArray(), i + 2);
                if (close < 0)
                    return new UserError("bad_syntax", "A quotation mark in the command is not closed.");
                return new CommandToken(TokenKind.Word, ChatText.Unescape(text[start..(i + 1)] + text[(i + 2)..close]), start, close + 1);
            }
            i++;
        }
        return new CommandToken(TokenKind.Word, ChatText.Unescape(text[start..i]), start, i);
    }

    private static CommandToken Reference(string inner, int start, int end)
    {
        var bar = inner.IndexOf('|', StringComparison.Ordinal);
        var target = bar < 0 ? inner : inner[..bar];
        if (target.StartsWith('@') && target.Length > 1)
            return new CommandToken(TokenKind.UserMention, target[1..], start, end);
        if (target.StartsWith('#') && target.Length > 1)
            return new CommandToken(TokenKind.ChannelMention, target[1..], start, end);
        if (target.StartsWith('!'))
            return new CommandToken(TokenKind.Special, $"<{inner}>", start, end);
        return new CommandToken(TokenKind.Link, ChatText.Unescape(target), start, end);
    }
}
