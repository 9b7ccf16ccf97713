namespace IncidentBot.LoadTests;

/// <summary>Latencies in milliseconds, measured from each request's scheduled start (no coordinated omission).</summary>
internal sealed record LoadResult(double[] LatenciesMs, int Errors, TimeSpan Elapsed)
{
    /// <summary>CPU the server process used during the measured part of the run (warm-up excluded).</summary>
    public TimeSpan ServerCpu { get; init; }

    /// <summary>Latencies per subcommand (declare, note, update, list, show, help).</summary>
    public IReadOnlyDictionary<string, double[]> ByKind { get; init; } = new Dictionary<string, double[]>();

    public double Percentile(double p) => Percentile(LatenciesMs, p);

    public static double Percentile(double[] latencies, double p)
    {
        if (latencies.Length == 0)
            return double.NaN;
        var sorted = latencies.Order().ToArray();
        var index = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }

    public double Throughput => (LatenciesMs.Length + Errors) / Elapsed.TotalSeconds;

    /// <summary>Server CPU per request: steadier than the percentiles on a shared machine, so A/B runs compare on it too.</summary>
    public double CpuMsPerRequest => ServerCpu.TotalMilliseconds / Math.Max(1, LatenciesMs.Length + Errors);
}
