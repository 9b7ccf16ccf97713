using IncidentBot.BenchSupport;

namespace IncidentBot.LoadTests;

/// <summary>Latencies in milliseconds, measured from each request's scheduled start (no coordinated omission).</summary>
internal sealed record LoadResult(double[] LatenciesMs, int Errors, TimeSpan Elapsed)
{
    /// <summary>CPU the server process used during the measured part of the run (warm-up excluded).</summary>
    public TimeSpan ServerCpu { get; init; }

    /// <summary>How long sending took; longer than the run's seconds when the sender fell behind its schedule.</summary>
    public TimeSpan SendTime { get; init; }

    /// <summary>Answers that arrived before the last request was sent (for the achieved rate).</summary>
    public int AnsweredWhileSending { get; init; }

    /// <summary>Declares answered 200 but without an incident number (kept for a retry, or failed); null when not counted.</summary>
    public int? Unnumbered { get; init; }

    /// <summary>Latencies per subcommand (declare, note, update, list, show, help).</summary>
    public IReadOnlyDictionary<string, double[]> ByKind { get; init; } = new Dictionary<string, double[]>();

    /// <summary>The slowest hundredth by when it was sent (<see cref="TailEpisodes"/>).</summary>
    public string Tail { get; init; } = "";

    /// <summary>Each answered request: its kind, when it was due on the wall clock and its latency.</summary>
    public IReadOnlyList<(string Kind, DateTime Due, double Ms)> Timeline { get; init; } = [];

    public double Percentile(double p) => Percentile(LatenciesMs, p);

    public static double Percentile(double[] latencies, double p) => RoundResult.Percentile(latencies, p);

    public double Throughput => (LatenciesMs.Length + Errors) / Elapsed.TotalSeconds;

    /// <summary>Server CPU per request: steadier than the percentiles on a shared machine, so A/B runs compare on it too.</summary>
    public double CpuMsPerRequest => ServerCpu.TotalMilliseconds / Math.Max(1, LatenciesMs.Length + Errors);

    public RoundResult ToRound(string server, int round, int rate) =>
        new(server, round, rate, LatenciesMs, Errors, SendTime, Elapsed, ServerCpu) { Unnumbered = Unnumbered, AnsweredWhileSending = AnsweredWhileSending };
}
