using System.Globalization;
using IncidentBot.BenchSupport;

namespace IncidentBot.LoadTests;

/// <summary>
/// <c>--rate 200 --seconds 20 --warmup 40 --workload declare|declare-new|mixed|help|intake --bare true|false</c>
/// (false: the bot alone, for quick A/B runs); <c>--peer bolt --rounds 4</c>: the bot and Bolt for JS
/// alternately, <c>--seconds</c> a round; <c>--rates 200,400,800,1200</c>: the embedded store's
/// saturation; <c>--settle 60</c>: the bot's memory a minute after the load; <c>--idle 60</c>: the
/// bot's idle CPU and memory only; <c>--stub-nice 10</c>: the Slack stub at a lower priority; <c>--timeline FILE</c>: every answered request of the saturation rounds as CSV, and every call the Slack stub answered in <c>FILE.slack</c>; <c>--batch 10</c>: the intake's reports through its batch endpoint, 10 a request; <c>--open-every 0</c>: no intake report opens a trend (default every tenth). <c>--variant name=path/IncidentBot.dll[,KEY=VALUE…]</c> (repeatable)
/// measures other builds or settings, alternately with each other in the idle mode and, with <c>--peer</c>,
/// under load (A, B, …, peer, round after round).
/// </summary>
internal sealed record LoadOptions(int Rate, int Seconds, int WarmupSeconds, string Workload, bool Bare = true)
{
    public static readonly string[] Workloads = ["declare", "declare-new", "mixed", "help", IntakeLoad.Workload];

    /// <summary><c>bolt</c>: measure Bolt for JS in alternating rounds with the bot.</summary>
    public string? Peer { get; init; }

    public int Rounds { get; init; } = 4;

    /// <summary>Offered rates for the saturation mode, in order; null when not in that mode.</summary>
    public IReadOnlyList<int>? Rates { get; init; }

    /// <summary>A rate is kept up with when nothing fails, achieved ≥ 95 % of offered and the p99 stays under this.</summary>
    public int MaxP99Ms { get; init; } = 500;

    /// <summary>Seconds to wait after the load before reading the bot's resident memory again (0: don't).</summary>
    public int SettleSeconds { get; init; }

    /// <summary>Seconds the bot is left alone after start-up in the idle mode; null when not in that mode.</summary>
    public int? IdleSeconds { get; init; }

    /// <summary>Nice value of the Slack stub's process (0: as the harness's own); <c>--stub-nice 10</c>.</summary>
    public int StubNiceness { get; init; }

    /// <summary>
    /// A CSV file for the saturation mode's rounds (<c>--timeline FILE</c>): one line per answered request, with its rate, its
    /// due time on the wall clock, its latency and kind, to match a round's slow moments with other records of the machine.
    /// </summary>
    public string? TimelinePath { get; init; }

    /// <summary><c>--batch 10</c>: the intake workload's reports through the batch endpoint, this many a request (1: one a request).</summary>
    public int BatchSize { get; init; } = 1;

    /// <summary>
    /// <c>--open-every 10</c>: every this many intake reports one opens a new trend, the rest join the open ones (the mix of
    /// 90 % joining); 0: every report joins, so a round measures the joins without the openings' incidents and channels.
    /// </summary>
    public int OpenEvery { get; init; } = IntakeLoad.DefaultOpenEvery;

    /// <summary>Builds or settings to measure (default: this repository's Release build as it is).</summary>
    public IReadOnlyList<BotVariant> Variants { get; init; } = [];

    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions(Rate: 200, Seconds: 20, WarmupSeconds: 40, Workload: "mixed");
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--rate" => options with { Rate = Number(value) },
                "--seconds" => options with { Seconds = Number(value) },
                "--warmup" => options with { WarmupSeconds = Number(value) },
                "--workload" => options with { Workload = Workloads.Contains(value) ? value : throw new ArgumentException($"Unknown workload {value}: use {string.Join('|', Workloads)}.") },
                "--bare" => options with { Bare = bool.Parse(value) },
                "--peer" => options with { Peer = value == "bolt" ? value : throw new ArgumentException($"Unknown peer {value}: the Slack peer is bolt.") },
                "--rounds" => options with { Rounds = Number(value) },
                "--rates" => options with { Rates = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Number)] },
                "--max-p99" => options with { MaxP99Ms = Number(value) },
                "--settle" => options with { SettleSeconds = Number(value) },
                "--idle" => options with { IdleSeconds = Number(value) },
                "--stub-nice" => options with { StubNiceness = Number(value) is var n and <= 19 ? n : throw new ArgumentException("--stub-nice is 0 to 19.") },
                "--timeline" => options with { TimelinePath = value },
                "--batch" => options with { BatchSize = Number(value) is var b and >= 1 and <= 500 ? b : throw new ArgumentException("--batch is 1 to 500.") },
                "--open-every" => options with { OpenEvery = Number(value) is var o and >= 0 ? o : throw new ArgumentException("--open-every is 0 (never) or more.") },
                "--variant" => options with { Variants = [.. options.Variants, BotVariant.Parse(value)] },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Use --rate, --seconds, --warmup, --workload {string.Join('|', Workloads)}, --bare true|false, --peer bolt, --rounds N, --rates R1,R2,…, --max-p99 MS, --settle S, --idle S, --stub-nice N, --timeline FILE, --batch N, --open-every N, --variant name=dll[,KEY=VALUE…]."),
            };
        }
        if (args.Length % 2 == 1)
            throw new ArgumentException($"Option {args[^1]} has no value.");
        if (options.TimelinePath is not null && options.Rates is null)
            throw new ArgumentException("--timeline records the rounds of the saturation mode; give it with --rates.");
        if (options.Peer is not null && options.Rates is not null)
            throw new ArgumentException("--peer and --rates are separate modes; give one.");
        if (options.IdleSeconds is not null && (options.Peer is not null || options.Rates is not null))
            throw new ArgumentException("--idle is a mode of its own; give it without --peer or --rates.");
        if (options.IdleSeconds is null && options.Peer is null && options.Variants.Count > 1)
            throw new ArgumentException("Several --variant are compared in the idle mode and with --peer (in alternating rounds); otherwise give one.");
        return options;
    }

    private static int Number(string text)
    {
        var value = int.Parse(text, CultureInfo.InvariantCulture);
        return value >= 0 ? value : throw new ArgumentException($"{text} is negative.");
    }
}
