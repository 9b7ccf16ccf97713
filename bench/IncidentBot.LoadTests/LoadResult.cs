namespace IncidentBot.LoadTests;

/// <summary>Latencies in milliseconds, measured from each request's scheduled start (no coordinated omission).</summary>
internal sealed record LoadResult(double[] LatenciesMs, int Errors, TimeSpan Elapsed)
{
    public double Percentile(double p)
    {
        if (LatenciesMs.Length == 0)
            return double.NaN;
        var sorted = LatenciesMs.Order().ToArray();
        var index = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }

    public double Throughput => (LatenciesMs.Length + Errors) / Elapsed.TotalSeconds;
}
