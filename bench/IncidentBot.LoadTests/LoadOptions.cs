using System.Globalization;

namespace IncidentBot.LoadTests;

/// <summary><c>--rate 200 --seconds 20 --warmup 40 --workload declare|mixed|help --bare true|false</c> (false: the bot alone, for quick A/B runs).</summary>
internal sealed record LoadOptions(int Rate, int Seconds, int WarmupSeconds, string Workload, bool Bare = true)
{
    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions(Rate: 200, Seconds: 20, WarmupSeconds: 40, Workload: "mixed");
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options = args[i] switch
            {
                "--rate" => options with { Rate = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--seconds" => options with { Seconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--warmup" => options with { WarmupSeconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--workload" => options with { Workload = args[i + 1] },
                "--bare" => options with { Bare = bool.Parse(args[i + 1]) },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Use --rate, --seconds, --warmup, --workload declare|mixed|help, --bare true|false."),
            };
        }
        return options;
    }
}
