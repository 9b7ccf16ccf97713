using System.Diagnostics;
using System.Globalization;
using IncidentBot.Dialogs.Intake.Languages;

namespace IncidentBot.LanguageBench;

// Language detection (issue #13): accuracy on the labelled sentences beside franc-all, and the
// time to classify one report. Not a test: run it by hand.
//   dotnet run -c Release --project bench/IncidentBot.LanguageBench -- [--data FILE] [--rounds N]
//   dotnet run -c Release --project bench/IncidentBot.LanguageBench -- --tune [FILE]   (tools/language-model/dev.tsv by default)
internal static class LanguageBenchmark
{
    public static void Main(string[] args)
    {
        var root = LabelledSentence.RepositoryRoot();
        var tune = args.Contains("--tune");
        var data = Option(args, "--data") ?? (tune ? args.SkipWhile(a => a != "--tune").Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) : null)
            ?? Path.Combine(root, tune ? LabelledSentence.DevelopmentSet : LabelledSentence.TestSet);
        var sentences = LabelledSentence.Read(data);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"IncidentBot language detection · {Environment.ProcessorCount} cores · .NET {Environment.Version} · {DateTime.UtcNow:yyyy-MM-dd} · {Path.GetRelativePath(root, data)} ({sentences.Count} sentences)"));
        if (tune)
        {
            Tuning.Run(sentences);
            return;
        }

        CompareWithPeer(root, data, sentences);
        var rounds = int.Parse(Option(args, "--rounds") ?? "200", CultureInfo.InvariantCulture);
        MeasureLoad();
        Measure("one sentence", sentences.Select(s => s.Text).ToArray(), rounds);
        Measure("report of three sentences", Reports(sentences), rounds);
        Measure($"longest text read ({LanguageDetector.MaxAnalysedLength} chars)", LongTexts(sentences), Math.Max(1, rounds / 10));
    }

    private static void CompareWithPeer(string root, string data, IReadOnlyList<LabelledSentence> sentences)
    {
        var ours = new Accuracy();
        var misses = new List<string>();
        foreach (var sentence in sentences)
        {
            var guess = LanguageDetector.Default.Detect(sentence.Text);
            ours.Add(sentence.Expected, guess.Language);
            if (guess.Language != sentence.Expected)
            {
                var best = LanguageDetector.Default.BestCandidate(sentence.Text);
                misses.Add(string.Create(CultureInfo.InvariantCulture, $"  {sentence.Expected} → {guess.Language} (best {best.Language} {best.Confidence:0.00}): {sentence.Text}"));
            }
        }
        var peer = Peer.TryRun(root, data, out var why);
        Console.WriteLine();
        Console.WriteLine($"{"language",-9} {"IncidentBot",-16} {"franc-all 7.2.0 (only the five)",-16}");
        foreach (var language in ours.Languages)
            Console.WriteLine($"{language,-9} {ours.Describe(language),-16} {peer?.Describe(language) ?? "—"}");
        Console.WriteLine($"{"all",-9} {ours.DescribeAll(),-16} {peer?.DescribeAll() ?? "—"}");
        if (peer is null)
            Console.WriteLine($"(peer not run: {why.Trim()})");
        if (misses.Count > 0)
        {
            Console.WriteLine("IncidentBot's misses:");
            misses.ForEach(Console.WriteLine);
        }
    }

    private static void MeasureLoad()
    {
        var started = Stopwatch.GetTimestamp();
        var model = LanguageDetector.LoadEmbeddedModel();
        var elapsed = Stopwatch.GetElapsedTime(started);
        GC.KeepAlive(model);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model load (embedded resource → tables), once per process: {elapsed.TotalMilliseconds:0.0} ms"));
    }

    /// <summary>Three consecutive sentences of one language joined: a typical report's text.</summary>
    private static string[] Reports(IReadOnlyList<LabelledSentence> sentences) =>
        [.. sentences.GroupBy(s => s.Expected)
            .SelectMany(g => g.Chunk(3).Where(c => c.Length == 3).Select(c => string.Join(' ', c.Select(s => s.Text))))];

    /// <summary>Per language, its sentences repeated up to the most the detector reads: the worst case per call.</summary>
    private static string[] LongTexts(IReadOnlyList<LabelledSentence> sentences) =>
        [.. sentences.GroupBy(s => s.Expected).Select(g =>
        {
            var text = string.Join(' ', Enumerable.Repeat(string.Join(' ', g.Select(s => s.Text)), 10));
            return text[..Math.Min(text.Length, LanguageDetector.MaxAnalysedLength)];
        })];

    private static void Measure(string what, string[] texts, int rounds)
    {
        var detector = LanguageDetector.Default;
        // Warm-up: tiered JIT reaches its optimised code after a few thousand calls.
        for (var i = 0; i < 20_000; i++)
            detector.Detect(texts[i % texts.Length]);

        var times = new double[texts.Length * rounds];
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        // CPU time as well as wall time: on a shared machine a call's wall time includes the time
        // the thread waited for a core, its CPU time does not.
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var all = Stopwatch.GetTimestamp();
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < texts.Length; i++)
            {
                var started = Stopwatch.GetTimestamp();
                detector.Detect(texts[i]);
                times[(round * texts.Length) + i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            }
        }
        var elapsed = Stopwatch.GetElapsedTime(all);
        process.Refresh();
        var cpuPerCall = (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / times.Length;
        var allocated = (double)(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / times.Length;
        Array.Sort(times);

        // All cores at once: the detector is shared by every request thread.
        var parallelCalls = 0L;
        var parallel = Stopwatch.StartNew();
        Parallel.For(0, Environment.ProcessorCount, _ =>
        {
            var calls = 0L;
            while (parallel.Elapsed < TimeSpan.FromSeconds(2))
            {
                for (var i = 0; i < texts.Length; i++)
                    detector.Detect(texts[i]);
                calls += texts.Length;
            }
            Interlocked.Add(ref parallelCalls, calls);
        });
        var parallelRate = parallelCalls / parallel.Elapsed.TotalSeconds;

        var meanLength = texts.Average(t => t.Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what} ({texts.Length} texts, mean {meanLength:0} chars, {times.Length} calls): CPU {cpuPerCall:0.0} µs per call; wall mean {times.Average():0.0} µs, p50 {Percentile(times, 0.50):0.0} µs, p99 {Percentile(times, 0.99):0.0} µs, max {times[^1]:0.0} µs; "
            + $"{times.Length / elapsed.TotalSeconds:#,0}/s on one thread, {parallelRate:#,0}/s on {Environment.ProcessorCount} threads; {allocated:0} bytes allocated per call"));
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
