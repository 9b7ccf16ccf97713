using System.Text;
using IncidentBot.Dialogs.Intake.Languages;

namespace IncidentBot.Dialogs.Tests.Intake.Languages;

public sealed class LanguageDetectorTests
{
    private static readonly LanguageDetector Detector = LanguageDetector.Default;

    public static TheoryData<string> Languages => new() { "ne", "bho", "hi", "mai", "en" };

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_language_has_at_least_25_labelled_reports(string language)
    {
        Assert.True(LabelledReports.Of(language).Count() >= 25);
    }

    // The floors are above what franc-all (limited to these five languages) gets on the same
    // sentences — bho 31, hi 28, mai 28, ne 30, en 33 of 33 (bench/language-peer) — and below
    // what this detector gets (33 of 33 each, docs/PERFORMANCE.md), so a small regression shows
    // without failing the build over one sentence; English has no room below the peer.
    [Theory]
    [InlineData("ne", 31)]
    [InlineData("bho", 32)]
    [InlineData("hi", 31)]
    [InlineData("mai", 31)]
    [InlineData("en", 33)]
    public void Recognises_the_labelled_reports_of_each_language_at_least_as_well_as_franc(string language, int minimumRight)
    {
        var reports = LabelledReports.Of(language).ToList();

        var right = reports.Count(text => Detector.Detect(text).Language == language);

        Assert.True(right >= minimumRight, $"{language}: {right} of {reports.Count} right, expected at least {minimumRight}");
    }

    [Fact]
    public void Never_gives_a_labelled_report_a_wrong_language_only_at_worst_unknown()
    {
        var wrong = LabelledReports.All
            .Select(r => (r.Language, r.Text, Guess: Detector.Detect(r.Text)))
            .Where(r => r.Guess.IsKnown && r.Guess.Language != r.Language)
            .Select(r => $"{r.Language} → {r.Guess.Language}: {r.Text}");

        Assert.Empty(wrong);
    }

    [Fact]
    public void Confidence_is_between_0_and_1_and_unknown_only_below_the_threshold()
    {
        Assert.All(LabelledReports.All, r =>
        {
            var guess = Detector.Detect(r.Text);
            Assert.InRange(guess.Confidence, 0, 1);
            Assert.Equal(guess.Confidence >= LanguageDetector.UnknownThreshold, guess.IsKnown);
        });
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t\n ")]
    [InlineData("https://example.com/watch?v=8812&t=30")]
    [InlineData("www.example.com/v/8812 https://t.co/abc")]
    [InlineData("😡😡🔥🔥 👀")]
    [InlineData("@trust_safety @partner-desk")]
    [InlineData("report-8812 reporter@example.org")]
    [InlineData("12345 ६७८९ 2024-11-30 #")]
    [InlineData("!!! ??? ... । ॥")]
    [InlineData("a")]
    [InlineData("वीडियो")]
    [InlineData("هذا الفيديو خطير جدا على الأطفال")]
    [InlineData("Это видео опасно для детей")]
    [InlineData("这个视频对儿童很危险")]
    public void Text_without_words_of_a_candidate_language_is_unknown(string text)
    {
        Assert.Equal(LanguageGuess.Unknown, Detector.Detect(text).Language);
    }

    // Romanised Hindi and Nepali are deliberately unknown rather than English (see LanguageDetector).
    [Theory]
    [InlineData("mera account kisi ne hack kar liya hai, jaldi madad karo")]
    [InlineData("is video mein bachche chhat se kood rahe hain")]
    [InlineData("yo video ekdam kharab cha, turuntai hataunus")]
    [InlineData("mero naam ma nakkali account banayeko cha")]
    public void Romanised_hindi_and_nepali_are_unknown_not_english(string text)
    {
        Assert.Equal(LanguageGuess.Unknown, Detector.Detect(text).Language);
    }

    [Theory]
    [InlineData("यो video viral भइरहेको छ, please तुरुन्तै हटाउनुहोस्", "ne")]
    [InlineData("ई challenge वाला video लइकन में फइल रहल बा", "bho")]
    [InlineData("यह challenge वाला video बच्चों में फैल रहा है", "hi")]
    [InlineData("ई challenge बला video बच्चा सभमे पसरि रहल अछि", "mai")]
    [InlineData("Please remove this video, it is बहुत dangerous for kids", "en")]
    public void Mixed_script_text_is_the_language_of_its_majority_script(string text, string language)
    {
        Assert.Equal(language, Detector.Detect(text).Language);
    }

    [Theory]
    [InlineData("#यो_भिडियो_तुरुन्तै_हटाउनुहोस् #BlackoutChallenge", "ne")]
    [InlineData("#StopTheChallenge this trend is hurting kids https://example.com/t/1 @moderation 🙏", "en")]
    [InlineData("२ घण्टाभित्र ५०० भन्दा बढी रिपोर्ट आएका छन्", "ne")]
    public void Hashtag_markers_urls_mentions_numbers_and_emoji_do_not_change_the_language(string text, string language)
    {
        Assert.Equal(language, Detector.Detect(text).Language);
    }

    [Fact]
    public void Precomposed_and_decomposed_nukta_letters_read_the_same()
    {
        const string Decomposed = "लड़के छत से कूदने की चुनौती दे रहे हैं"; // ड़ as ड + nukta (NFC)
        var precomposed = Decomposed.Replace("\u0921\u093C", "\u095C", StringComparison.Ordinal);
        Assert.False(precomposed.IsNormalized(NormalizationForm.FormC));

        Assert.Equal(Detector.Detect(Decomposed), Detector.Detect(precomposed));
        Assert.Equal("hi", Detector.Detect(precomposed).Language);
    }

    [Fact]
    public void An_apostrophe_after_a_devanagari_letter_is_read_as_avagraha()
    {
        var typed = Detector.Detect("हमर अकाउंट हैक भ' गेल अछि आ ओहिसँ गंदा संदेश जा रहल अछि");
        var avagraha = Detector.Detect("हमर अकाउंट हैक भऽ गेल अछि आ ओहिसँ गंदा संदेश जा रहल अछि");

        Assert.Equal(avagraha, typed);
        Assert.Equal("mai", typed.Language);
    }

    [Fact]
    public void Reads_only_the_start_of_a_very_long_text()
    {
        var nepali = string.Join(' ', LabelledReports.Of("ne"));
        var text = string.Concat(Enumerable.Repeat(nepali + " ", (LanguageDetector.MaxAnalysedLength / nepali.Length) + 1))
            + string.Join(' ', Enumerable.Repeat(string.Join(' ', LabelledReports.Of("en")), 20));

        Assert.Equal("ne", Detector.Detect(text).Language);
    }

    [Fact]
    public void Gives_the_same_answers_when_called_from_many_threads_at_once()
    {
        var texts = LabelledReports.All.Select(r => r.Text).ToArray();
        var sequential = texts.Select(Detector.Detect).ToArray();

        var parallel = new LanguageGuess[texts.Length * 8];
        Parallel.For(0, parallel.Length, i => parallel[i] = Detector.Detect(texts[i % texts.Length]));

        Assert.All(Enumerable.Range(0, parallel.Length), i => Assert.Equal(sequential[i % texts.Length], parallel[i]));
    }

    [Fact]
    public void Allocates_nothing_per_call_for_normalised_text()
    {
        var texts = LabelledReports.All.Select(r => r.Text).ToArray();
        foreach (var text in texts)
            Detector.Detect(text);

        // The least of a few passes: one pass may meet the runtime's shared buffer pool emptied by another test's
        // thread or trimmed by a collection (CI saw 6,712 bytes once), while an allocation of the detector's own
        // would show in every pass.
        var least = long.MaxValue;
        for (var pass = 0; pass < 5 && least > 0; pass++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            foreach (var text in texts)
                Detector.Detect(text);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, least);
    }

    [Fact]
    public void The_default_detector_is_loaded_once()
    {
        Assert.Same(LanguageDetector.Default, LanguageDetector.Default);
    }

    [Fact]
    public void Null_text_is_a_bug_not_an_unknown_language()
    {
        Assert.Throws<ArgumentNullException>(() => Detector.Detect(null!));
    }
}
