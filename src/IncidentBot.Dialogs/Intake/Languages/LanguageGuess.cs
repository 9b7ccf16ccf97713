namespace IncidentBot.Dialogs.Intake.Languages;

/// <summary>
/// What <see cref="LanguageDetector"/> made of a text: an ISO 639 code (<c>ne</c>, <c>bho</c>,
/// <c>hi</c>, <c>mai</c>, <c>en</c>) or <see cref="Unknown"/>, and how sure it is (0..1).
/// </summary>
/// <param name="Language">The ISO 639 code, or <see cref="Unknown"/> when the confidence is
/// below <see cref="LanguageDetector.UnknownThreshold"/> or the text has no words to judge.</param>
/// <param name="Confidence">For a Devanagari text, the share of the evidence that points at this
/// language among the four Devanagari candidates; for a Latin-script text, how English it reads.
/// Still set (below the threshold) when <paramref name="Language"/> is unknown.</param>
public readonly record struct LanguageGuess(string Language, double Confidence)
{
    /// <summary>The language code of a text that could not be told.</summary>
    public const string Unknown = "unknown";

    /// <summary>True when a language was recognised.</summary>
    public bool IsKnown => !string.Equals(Language, Unknown, StringComparison.Ordinal);
}
