namespace IncidentBot.Dialogs.Intake.Languages;

/// <summary>
/// A quick, allocation-free proof that a text is already NFC: the BCL's
/// <c>IsNormalized</c> allocates on every non-ASCII text (its ICU path), and nearly every
/// report is already NFC.
/// </summary>
internal static class NfcCheck
{
    /// <summary>
    /// True when every character is one NFC leaves alone where it stands: Basic Latin to Latin
    /// Extended-B (starters with no composition unless a combining mark follows, and combining
    /// marks are not on the list); Devanagari, except the precomposed nukta letters and stress
    /// signs (NFC decomposes or reorders them) and a nukta after न, र or ळ (composed) or after a
    /// virama (reordered) — Hindi writes ड़ and ज़ as letter + nukta, which NFC keeps; general
    /// punctuation after U+2001; variation selectors; and the emoji planes. False means "look closer".
    /// </summary>
    public static bool IsSurelyNormalized(ReadOnlySpan<char> text)
    {
        var previous = '\0';
        foreach (var c in text)
        {
            var safe = c switch
            {
                < '\u0300' => true,
                '\u093C' => previous is >= '\u0915' and <= '\u0939' and not ('\u0928' or '\u0930' or '\u0933'),
                (>= '\u0951' and <= '\u0954') or (>= '\u0958' and <= '\u095F') => false,
                >= '\u0900' and <= '\u097F' => true,
                >= '\u2002' and <= '\u206F' => true,
                >= '\uFE00' and <= '\uFE0F' => true,
                >= '\uD83C' and <= '\uD83E' => true, // high surrogates of U+1F000–U+1FBFF: emoji, no decompositions
                >= '\uDC00' and <= '\uDFFF' => true, // a low surrogate: its high one decided
                _ => false,
            };
            if (!safe)
                return false;
            previous = c;
        }
        return true;
    }
}
