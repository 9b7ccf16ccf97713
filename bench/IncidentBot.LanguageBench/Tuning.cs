using System.Globalization;
using IncidentBot.Dialogs.Intake.Languages;

namespace IncidentBot.LanguageBench;

/// <summary>
/// How DetectorTuning's defaults were chosen, on the development sentences (never the tests'):
/// 1. smoothing (Witten-Bell weight) × function-word weight by how many Devanagari sentences rank first correctly;
/// 2. the temperature: the largest at which no correctly ranked sentence falls below the
///    unknown threshold and every Latin sentence is right (English known, romanised Hindi and
///    Nepali unknown); larger is more cautious about near ties and short texts.
/// </summary>
internal static class Tuning
{
    private static readonly double[] Smoothings = [0.25, 0.5, 1, 2, 4];
    private const int WrongCost = 3;
    private static readonly double[] WordWeights = [0, 0.25, 0.5, 1, 1.5, 2, 3, 4, 6];
    private static readonly double[] Temperatures = [1, 2, 4, 6, 8, 12, 16, 24];

    public static void Run(IReadOnlyList<LabelledSentence> sentences)
    {
        var model = LanguageDetector.LoadEmbeddedModel();
        var devanagari = sentences.Where(s => s.Expected is "ne" or "bho" or "hi" or "mai").ToList();
        var latin = sentences.Where(s => s.Expected is "en" or "unknown").ToList();
        var chosen = DetectorTuning.Default;
        Console.WriteLine($"current: {chosen}");

        Console.WriteLine($"\n1. Devanagari sentences ranked first correctly ({devanagari.Count}); rows smoothing s, columns word weight × temperature");
        Console.WriteLine("s \\ wT " + string.Concat(WordWeights.Select(w => $"{w,6}")));
        foreach (var smoothing in Smoothings)
        {
            // Ranking depends on the word weight and the temperature only through their product.
            var row = WordWeights.Select(w => Ranked(new LanguageDetector(model, new DetectorTuning(smoothing, w, 1)), devanagari));
            Console.WriteLine($"{smoothing,-7}" + string.Concat(row.Select(r => $"{r,6}")));
        }

        Console.WriteLine($"\n2. right and known − {WrongCost} × wrong but known, of {sentences.Count} (s {chosen.Smoothing}); rows temperature, columns word weight");
        Console.WriteLine("T \\ w  " + string.Concat(WordWeights.Select(w => $"{w,6}")));
        foreach (var temperature in Temperatures)
        {
            var row = WordWeights.Select(w => Score(new LanguageDetector(model, chosen with { WordWeight = w, Temperature = temperature }), sentences));
            Console.WriteLine($"{temperature,-7}" + string.Concat(row.Select(r => $"{r,6}")));
        }

        Console.WriteLine("\n3. English confidence of each Latin sentence with the current tuning:");
        var current = new LanguageDetector(model, chosen);
        foreach (var sentence in latin)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {sentence.Expected,-8} {current.BestCandidate(sentence.Text).Confidence:0.000} {sentence.Text}"));
    }

    /// <summary>Right answers that are not unknown, less a wrong known answer at three times the cost:
    /// a wrong language pages the wrong market team, unknown leaves routing to the report's market.</summary>
    private static int Score(LanguageDetector detector, IReadOnlyList<LabelledSentence> sentences)
    {
        var score = 0;
        foreach (var sentence in sentences)
        {
            var language = detector.Detect(sentence.Text).Language;
            if (language == sentence.Expected)
                score += 1;
            else if (language != LanguageGuess.Unknown)
                score -= WrongCost;
        }
        return score;
    }

    private static int Ranked(LanguageDetector detector, List<LabelledSentence> sentences) =>
        sentences.Count(s => detector.BestCandidate(s.Text).Language == s.Expected);
}
