namespace IncidentBot.BenchSupport;

/// <summary>
/// One measured round of one server in an alternating run. Latencies in milliseconds, each from
/// the request's scheduled send time (open loop), so a stall shows in the percentiles.
/// </summary>
internal sealed record RoundResult(string Server, int Round, int Rate, double[] LatenciesMs, int Failures, TimeSpan SendTime, TimeSpan Elapsed, TimeSpan ServerCpu)
{
    public int Sent => LatenciesMs.Length + Failures;

    /// <summary>The rate the sender managed; below <see cref="Rate"/> when the sending machine itself is short of CPU.</summary>
    public double SentRate => Sent / Math.Max(SendTime.TotalSeconds, 0.001);

    /// <summary>Answers that arrived before the last request was sent.</summary>
    public int AnsweredWhileSending { get; init; }

    /// <summary>
    /// Answers per second while the load was offered: a server that keeps up answers about as fast as
    /// it is sent to; a saturated one answers at its capacity, and the rest piles up after.
    /// </summary>
    public double Achieved => AnsweredWhileSending / Math.Max(SendTime.TotalSeconds, 0.001);

    public double CpuMsPerRequest => ServerCpu.TotalMilliseconds / Math.Max(1, Sent);

    /// <summary>CPU the server spent after the round finishing what it started (background jobs), until it was idle again.</summary>
    public TimeSpan DrainCpu { get; init; }

    public TimeSpan DrainTime { get; init; }

    /// <summary>Declares answered without their incident number (ours only; null when not counted).</summary>
    public int? Unnumbered { get; init; }

    /// <summary>CPU per request including the background work it left behind (<see cref="DrainCpu"/> less the idle rate).</summary>
    public double CpuMsPerRequestWithDrain { get; init; } = double.NaN;

    public double Percentile(double p) => Percentile(LatenciesMs, p);

    public static double Percentile(double[] latencies, double p)
    {
        if (latencies.Length == 0)
            return double.NaN;
        var sorted = latencies.Order().ToArray();
        var index = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0)
            return double.NaN;
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
