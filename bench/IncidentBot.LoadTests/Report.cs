using System.Globalization;

namespace IncidentBot.LoadTests;

internal static class Report
{
    public static void Print(LoadOptions options, IReadOnlyList<(string Name, LoadResult Result)> results)
    {
        Console.WriteLine();
        Console.WriteLine($"| endpoint | requests | errors | throughput (req/s) | p50 ms | p90 ms | p99 ms | max ms | server CPU ms/request |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (name, result) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {result.LatenciesMs.Length} | {result.Errors} | {result.Throughput:F0} | {result.Percentile(50):F1} | {result.Percentile(90):F1} | {result.Percentile(99):F1} | {result.Percentile(100):F1} | {result.CpuMsPerRequest:F2} |"));
        }
        foreach (var (name, result) in results.Where(r => r.Result.ByKind.Count > 1))
        {
            Console.WriteLine();
            Console.WriteLine($"{name} by command: " + string.Join("; ", result.ByKind.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k =>
                string.Create(CultureInfo.InvariantCulture, $"{k.Key} p50 {LoadResult.Percentile(k.Value, 50):F1} / p99 {LoadResult.Percentile(k.Value, 99):F1} ms"))));
        }
        Console.WriteLine();
        Console.WriteLine($"Target (issue #3): p99 <= 25 ms at {options.Rate} req/s.");
    }
}
