namespace IncidentBot.Dialogs.Intake.Languages;

/// <summary>
/// Splits (NFC) text into lower-case words of one script each, without allocating.
/// tools/language-model/normalise.mjs does the same for training; keep the two in step.
/// <list type="bullet">
/// <item>A whitespace-separated token that is a URL, an e-mail address or an @mention is
/// skipped whole: a link or a handle says nothing about the writer's language.</item>
/// <item>'#', digits (Latin and Devanagari), danda and every other non-letter separate words,
/// so <c>#यो_भिडियो</c> reads as two words.</item>
/// <item>ZWJ/ZWNJ are dropped (they only steer how a conjunct is drawn), and an apostrophe
/// after a Devanagari letter is read as avagraha: Maithili writers type भ' or भʼ for भऽ.</item>
/// <item>Letters of other scripts separate words and are counted in <see cref="OtherLetters"/>.</item>
/// </list>
/// </summary>
internal ref struct WordReader(ReadOnlySpan<char> text)
{
    private readonly ReadOnlySpan<char> _text = text;
    private int _position;
    private int _tokenEnd;

    /// <summary>Letters of neither script seen so far (Arabic, Cyrillic, Han...).</summary>
    public int OtherLetters { get; private set; }

    /// <summary>
    /// Reads the next word into <paramref name="buffer"/>. A longer word than the buffer keeps
    /// its first <c>buffer.Length</c> characters; <paramref name="letters"/> counts them all.
    /// </summary>
    public bool Next(scoped Span<char> buffer, out int length, out int letters, out WordScript script)
    {
        length = 0;
        letters = 0;
        script = default;
        var inWord = false;
        while (true)
        {
            if (_position >= _tokenEnd)
            {
                if (inWord)
                    return true; // a word ends with its token
                if (!StartToken())
                    return false;
            }

            var raw = _text[_position];
            if (raw is '\u200C' or '\u200D')
            {
                _position++;
                continue;
            }

            var c = char.ToLowerInvariant(raw);
            WordScript? kind = IsDevanagari(c) ? WordScript.Devanagari : IsLatin(c) ? WordScript.Latin : null;
            if (kind is null && inWord && script == WordScript.Devanagari && raw is '\'' or '\u02BC' or '\u2019')
            {
                Append(buffer, ref length, ref letters, '\u093D');
                _position++;
                continue;
            }
            if (inWord && kind != script)
                return true; // the character starts the next word (or is a separator) and is read again
            _position++;
            if (kind is null)
            {
                if (char.IsLetter(raw))
                    OtherLetters++;
                continue;
            }
            inWord = true;
            script = kind.Value;
            Append(buffer, ref length, ref letters, c);
        }
    }

    public static bool IsDevanagari(char c) =>
        c is >= '\u0900' and <= '\u097F' and not ('\u0964' or '\u0965' or (>= '\u0966' and <= '\u0970'));

    public static bool IsLatin(char c) =>
        c is (>= 'a' and <= 'z') or (>= '\u00C0' and <= '\u024F' and not ('\u00D7' or '\u00F7'));

    private static void Append(scoped Span<char> buffer, ref int length, ref int letters, char c)
    {
        if (length < buffer.Length)
            buffer[length++] = c;
        letters++;
    }

    /// <summary>Moves to the next whitespace-separated token worth reading; false at the end.</summary>
    private bool StartToken()
    {
        _position = _tokenEnd;
        while (true)
        {
            while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
                _position++;
            if (_position >= _text.Length)
            {
                _tokenEnd = _position;
                return false;
            }
            var end = _position;
            while (end < _text.Length && !char.IsWhiteSpace(_text[end]))
                end++;
            var token = _text[_position..end];
            if (token.Contains('@') || token.Contains("://", StringComparison.Ordinal)
                || token.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
            {
                _position = end;
                continue;
            }
            _tokenEnd = end;
            return true;
        }
    }
}
