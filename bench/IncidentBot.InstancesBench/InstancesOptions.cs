using System.Globalization;

namespace IncidentBot.InstancesBench;

/// <summary>What to run: the steady declare rate and length, how many escalations are pending at once and their wait.</summary>
internal sealed record InstancesOptions
{
    /// <summary>Declares a second during the steady load, sent alternately to the instances that are up.</summary>
    public double Rate { get; init; } = 20;

    /// <summary>Length of the steady-load window whose declare → first page DM latency is reported.</summary>
    public int Seconds { get; init; } = 20;

    /// <summary>Escalations pending at once in each escalation round (one declare each, spread over both instances).</summary>
    public int Pending { get; init; } = 1000;

    /// <summary>The escalation policy's first step waits this long before paging the second person.</summary>
    public int WaitSeconds { get; init; } = 30;

    /// <summary>How fast the pending escalations' declares are sent; they must all be sent well within the wait.</summary>
    public double SeedRate { get; init; } = 50;

    /// <summary>How long after the last escalation fell due the bench waits for stragglers before counting one as lost.</summary>
    public int GraceSeconds { get; init; } = 60;

    /// <summary>Another build of the bot (<c>…/IncidentBot.dll</c>) to run, e.g. main's, to compare with this one; unset: the build beside these sources.</summary>
    public string? Bot { get; init; }

    /// <summary>Kill instance B this many seconds before the first escalation falls due (unset: as soon as the first pages are out).</summary>
    public double? KillBeforeDueSeconds { get; init; }

    /// <summary>
    /// At the kill, leave Hangfire's scheduler lock standing this many seconds, as if B died holding it (the
    /// worst moment: no instance enqueues due jobs until it lapses). Give the lease the build uses for it.
    /// </summary>
    public double? HoldSchedulerLockSeconds { get; init; }

    /// <summary>A directory to write each bot's output to at the end of the run (unset: not kept), to read beside a stall probe's log.</summary>
    public string? Logs { get; init; }

    public static InstancesOptions Parse(string[] args)
    {
        var options = new InstancesOptions();
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--rate" => options with { Rate = double.Parse(value, CultureInfo.InvariantCulture) },
                "--seconds" => options with { Seconds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--pending" => options with { Pending = int.Parse(value, CultureInfo.InvariantCulture) },
                "--wait" => options with { WaitSeconds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--seed-rate" => options with { SeedRate = double.Parse(value, CultureInfo.InvariantCulture) },
                "--grace" => options with { GraceSeconds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--bot" => options with { Bot = value },
                "--logs" => options with { Logs = value },
                "--kill-before-due" => options with { KillBeforeDueSeconds = double.Parse(value, CultureInfo.InvariantCulture) },
                "--hold-scheduler-lock" => options with { HoldSchedulerLockSeconds = double.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }
        if (options.Rate <= 0 || options.Seconds <= 0 || options.Pending <= 0 || options.WaitSeconds <= 0 || options.SeedRate <= 0 || options.GraceSeconds <= 0
            || options.KillBeforeDueSeconds <= 0 || options.HoldSchedulerLockSeconds <= 0)
            throw new ArgumentException("Every option must be positive.");
        return options;
    }

    public string CommandLine() => string.Create(CultureInfo.InvariantCulture,
        $"dotnet bench/IncidentBot.InstancesBench/bin/Release/net10.0/IncidentBot.InstancesBench.dll --rate {Rate} --seconds {Seconds} --pending {Pending} --wait {WaitSeconds} --seed-rate {SeedRate} --grace {GraceSeconds}{(Bot is null ? "" : " --bot " + Bot)}{(KillBeforeDueSeconds is { } k ? $" --kill-before-due {k}" : "")}{(HoldSchedulerLockSeconds is { } h ? $" --hold-scheduler-lock {h}" : "")}{(Logs is null ? "" : " --logs " + Logs)}");
}
