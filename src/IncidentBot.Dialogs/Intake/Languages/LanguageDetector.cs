using System.Buffers;
using System.Text;

namespace IncidentBot.Dialogs.Intake.Languages;

/// <summary>
/// Tells which of the intake languages a report is written in: Nepali (<c>ne</c>), Bhojpuri
/// (<c>bho</c>), Hindi (<c>hi</c>), Maithili (<c>mai</c>) or English (<c>en</c>), or
/// <see cref="LanguageGuess.Unknown"/>.
/// </summary>
/// <remarks>
/// <para>Script first: a text whose letters are mostly Devanagari is one of the four Devanagari
/// languages (its Latin words, often English loans, are ignored); mostly Latin is English or
/// unknown; mostly another script, or no letters at all (empty, URLs, emoji, numbers), is
/// unknown.</para>
/// <para>Devanagari: each language has a character 5-gram model (interpolated, Witten-Bell
/// smoothing) trained on its Universal Declaration of Human Rights, and function words and
/// endings (Nepali छ/लाई, Bhojpuri बा/कइल, Maithili अछि/सँ, Hindi है/में...) add evidence. The
/// confidence is the winner's share of the evidence (a softmax over the four).</para>
/// <para>Latin: English against "Latin-script text that is not English" (a model of seven other
/// declarations, Sarnami Hindustani among them, and romanised Hindi/Nepali function words),
/// weighed the same way. Romanised Hindi or Nepali ("yeh video hatao, bahut galat hai") is
/// deliberately unknown, not English and not Hindi: it cannot be told apart reliably from so
/// little training text, and a confident wrong language would page the wrong market team,
/// while unknown leaves routing to the report's market.</para>
/// <para>Thread-safe and allocation-free per call (a text NFC would change is normalised into a
/// pooled buffer). Reads at most <see cref="MaxAnalysedLength"/> characters. The model and how
/// it was built and tuned: tools/language-model/README.md.</para>
/// </remarks>
public sealed class LanguageDetector
{
    /// <summary>
    /// Below this confidence the guess is <see cref="LanguageGuess.Unknown"/>. With four
    /// Devanagari candidates a coin-flip between two of them scores about 0.5; 0.6 asks for the
    /// winner to hold clearly more evidence than the runner-up.
    /// </summary>
    public const double UnknownThreshold = 0.6;

    /// <summary>
    /// Characters read from the start of a text: a report's first lines say its language (ten
    /// sentences or so), and a 256 KiB report then costs no more than a paragraph.
    /// </summary>
    public const int MaxAnalysedLength = 1000;

    /// <summary>Characters of a word that are scored; a longer word is a hash or a run-together hashtag.</summary>
    internal const int MaxWordLength = 64;

    // A whole word or script is needed to judge at all: one letter is noise.
    private const int MinLetters = 2;

    private static readonly double LogDevanagariAlphabet = Math.Log(129); // the block, plus the word end
    private static readonly double LogLatinAlphabet = Math.Log(27);

    private static readonly string[] Codes = ["ne", "bho", "hi", "mai", "en"];

    private static readonly Lazy<LanguageDetector> DefaultDetector = new(
        () => new LanguageDetector(LoadEmbeddedModel(), DetectorTuning.Default));

    private readonly LanguageModel _model;
    private readonly DetectorTuning _tuning;

    internal LanguageDetector(LanguageModel model, DetectorTuning tuning)
    {
        _model = model;
        _tuning = tuning;
    }

    /// <summary>The detector over the model embedded in this assembly, loaded on first use.</summary>
    public static LanguageDetector Default => DefaultDetector.Value;

    /// <summary>Guesses the language of <paramref name="text"/>.</summary>
    public LanguageGuess Detect(string text)
    {
        var best = BestCandidate(text);
        return best.Confidence >= UnknownThreshold ? best : best with { Language = LanguageGuess.Unknown };
    }

    /// <summary>The likeliest language and its confidence before the threshold applies
    /// (<see cref="LanguageGuess.Unknown"/> only when there is nothing to judge): for tuning.</summary>
    internal LanguageGuess BestCandidate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan(0, Math.Min(text.Length, MaxAnalysedLength));
        if (NfcCheck.IsSurelyNormalized(span) || span.IsNormalized(NormalizationForm.FormC))
            return Detect(span);

        // The model is NFC. Hindi typed with precomposed nukta letters (ड़ as U+095C) or Latin with
        // combining accents is not: normalise into a pooled buffer rather than a new string.
        var rented = ArrayPool<char>.Shared.Rent(span.GetNormalizedLength(NormalizationForm.FormC));
        try
        {
            span.TryNormalize(rented, out var written, NormalizationForm.FormC);
            return Detect(rented.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    private LanguageGuess Detect(ReadOnlySpan<char> text)
    {
        // Log-likelihoods per column: ne, bho, hi, mai from Devanagari words; en, latn from Latin words.
        Span<double> likelihood = stackalloc double[LanguageModel.ColumnCount];
        Span<double> lexicon = stackalloc double[LanguageModel.ColumnCount];
        likelihood.Clear();
        lexicon.Clear();
        Span<char> padded = stackalloc char[MaxWordLength + 2];
        int devanagariLetters = 0, latinLetters = 0;

        var reader = new WordReader(text);
        while (reader.Next(padded[1..^1], out var length, out var letters, out var script))
        {
            padded[0] = ' ';
            padded[length + 1] = ' ';
            var word = padded[..(length + 2)];
            if (script == WordScript.Devanagari)
            {
                devanagariLetters += letters;
                Score(word, LanguageModel.Ne, LanguageModel.Mai, LogDevanagariAlphabet, likelihood);
            }
            else
            {
                latinLetters += letters;
                Score(word, LanguageModel.En, LanguageModel.Latn, LogLatinAlphabet, likelihood);
            }
            AddFunctionWord(word[1..^1], lexicon);
        }

        if (reader.OtherLetters > Math.Max(devanagariLetters, latinLetters))
            return new LanguageGuess(LanguageGuess.Unknown, 0);
        if (devanagariLetters >= latinLetters && devanagariLetters >= MinLetters)
            return DecideDevanagari(likelihood, lexicon);
        if (latinLetters > devanagariLetters && latinLetters >= MinLetters)
            return DecideLatin(likelihood, lexicon);
        return new LanguageGuess(LanguageGuess.Unknown, 0);
    }

    /// <summary>
    /// Adds log P(word) under each language in [first, last]: every character after the leading
    /// space predicted from up to four before it, each order's estimate interpolated with the
    /// next-shorter one by Witten-Bell, P_n = (C(hc) + s·T(h)·P_{n−1}) / (C(h) + s·T(h)) where T(h)
    /// is how many different characters followed h, the shortest with a uniform alphabet. A context
    /// with many different followers leaves more room for an unseen one: right for tiny training text.
    /// </summary>
    private void Score(ReadOnlySpan<char> padded, int first, int last, double logAlphabet, Span<double> likelihood)
    {
        const int Orders = LanguageModel.MaxOrder;
        Span<int> previous = stackalloc int[Orders + 1]; // rows of the grams ending one character earlier
        Span<int> current = stackalloc int[Orders + 1];
        previous.Fill(-1);
        previous[1] = _model.Row(LanguageModel.Code(' ')); // the leading space as a context
        var smoothing = _tuning.Smoothing;
        var uniform = Math.Exp(-logAlphabet);

        for (var i = 1; i < padded.Length; i++)
        {
            var orders = Math.Min(Orders, i + 1);
            ulong key = 0;
            current.Fill(-1);
            for (var n = 1; n <= orders; n++)
            {
                key |= LanguageModel.Code(padded[i - n + 1]) << (8 * (n - 1));
                current[n] = _model.Row(key);
                // A longer gram is never kept when a shorter one inside it was not, and neither
                // is its context: nothing longer can change the estimate.
                if (current[n] < 0 && (n == 1 || previous[n - 1] < 0))
                {
                    orders = n;
                    break;
                }
            }

            for (var language = first; language <= last; language++)
            {
                var p = uniform;
                for (var n = 1; n <= orders; n++)
                {
                    var context = n == 1 ? _model.CharacterTotals[language] : _model.Count(previous[n - 1], language);
                    if (context == 0)
                        continue; // an unseen context says nothing: keep the shorter estimate
                    var types = smoothing * (n == 1 ? _model.CharacterTypes[language] : _model.Types(previous[n - 1], language));
                    p = (_model.Count(current[n], language) + (types * p)) / (context + types);
                }
                likelihood[language] += Math.Log(p);
            }

            var swap = previous;
            previous = current;
            current = swap;
        }
    }

    private void AddFunctionWord(ReadOnlySpan<char> word, Span<double> lexicon)
    {
        var strengths = _model.WordStrengths(word);
        if (strengths.IsEmpty)
            strengths = _model.SuffixStrengths(word);
        for (var column = 0; column < strengths.Length; column++)
            lexicon[column] += strengths[column];
    }

    private LanguageGuess DecideDevanagari(ReadOnlySpan<double> likelihood, ReadOnlySpan<double> lexicon)
    {
        Span<double> scores = stackalloc double[4];
        var best = 0;
        for (var language = LanguageModel.Ne; language <= LanguageModel.Mai; language++)
        {
            scores[language] = Evidence(likelihood[language], lexicon[language]);
            if (scores[language] > scores[best])
                best = language;
        }
        var total = 0.0;
        foreach (var score in scores)
            total += Math.Exp(score - scores[best]);
        return new LanguageGuess(Codes[best], 1 / total);
    }

    /// <summary>English against "Latin-script text that is not English", weighed as the Devanagari
    /// languages are: the confidence is English's share of the evidence.</summary>
    private LanguageGuess DecideLatin(ReadOnlySpan<double> likelihood, ReadOnlySpan<double> lexicon)
    {
        var english = Evidence(likelihood[LanguageModel.En], lexicon[LanguageModel.En]);
        var other = Evidence(likelihood[LanguageModel.Latn], lexicon[LanguageModel.Latn]);
        return new LanguageGuess(Codes[LanguageModel.En], 1 / (1 + Math.Exp(other - english)));
    }

    /// <summary>
    /// A column's evidence: the n-gram log-likelihood tempered (neighbouring characters are not
    /// independent evidence, so the raw sum is over-confident), plus the function words, which
    /// are few and each a separate observation, untempered.
    /// </summary>
    private double Evidence(double likelihood, double functionWords) =>
        (likelihood / _tuning.Temperature) + (_tuning.WordWeight * functionWords);

    internal static LanguageModel LoadEmbeddedModel()
    {
        const string Name = "IncidentBot.Dialogs.Intake.Languages.language-model.tsv";
        using var stream = typeof(LanguageDetector).Assembly.GetManifestResourceStream(Name)
            ?? throw new InvalidOperationException($"Embedded language model {Name} is missing from the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return LanguageModel.Read(reader);
    }
}
