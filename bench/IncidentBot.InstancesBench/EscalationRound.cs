using IncidentBot.Testing.Hosts;

namespace IncidentBot.InstancesBench;

/// <summary>
/// One round: <see cref="InstancesOptions.Pending"/> SEV2 declares spread over both instances (each
/// a first page that escalates after the wait), with the steady SEV3 load running throughout; with
/// <c>kill</c>, instance B is taken out of the rotation and SIGKILLed once the first pages are out,
/// before the first escalation falls due (or <see cref="InstancesOptions.KillBeforeDueSeconds"/> before it),
/// optionally leaving the scheduler lock standing as if B died holding it.
/// </summary>
internal sealed record EscalationRound(
    string Name,
    IReadOnlyList<Escalation> Escalations,
    IReadOnlyList<SentDeclare> Load,
    IReadOnlyList<double> LoadLatenciesMs,
    TimeSpan SeedTime,
    int PeakPendingAtOnce,
    DateTimeOffset? KilledAt)
{
    public const int Survivor = 0;
    public const int Doomed = 1;

    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan KillBeforeDue = TimeSpan.FromSeconds(3);

    public static async Task<EscalationRound> RunAsync(string name, string prefix, bool kill, BenchContext bench, CancellationToken cancellationToken)
    {
        var options = bench.Options;
        var wait = TimeSpan.FromSeconds(options.WaitSeconds);
        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var load = bench.Declarer.SendAsync("sev3", prefix + "l", options.Rate, count: null, stopLoad.Token);
        var seedStart = DateTimeOffset.UtcNow;
        var seeds = await bench.Declarer.SendAsync("sev2", prefix + "e", options.SeedRate, options.Pending, cancellationToken);
        var seedTime = DateTimeOffset.UtcNow - seedStart;
        Console.WriteLine($"  {name}: {seeds.Count} SEV2 declares sent in {seedTime.TotalSeconds:0.0} s ({seeds.Count(s => !s.Answered)} not answered)");

        // Every first page out, or the first escalation about to fall due: whichever comes first.
        var firstDue = seeds[0].SentAt + wait;
        var paged = await bench.Dms.WaitAsync(d => seeds.All(s => d.First(SeveralInstances.One, s.Marker) is not null), Later(DateTimeOffset.UtcNow, firstDue - KillBeforeDue), cancellationToken);
        Console.WriteLine($"  {name}: first pages {(paged ? "all out" : "not all out")} {(DateTimeOffset.UtcNow - seedStart).TotalSeconds:0.0} s after the first declare; {await bench.Backlog.DescribeAsync()}");
        DateTimeOffset? killedAt = null;
        if (kill)
        {
            bench.Declarer.TakeOut(Doomed);
            if (options.KillBeforeDueSeconds is { } before && firstDue - TimeSpan.FromSeconds(before) - DateTimeOffset.UtcNow is { Ticks: > 0 } untilKill)
                await Task.Delay(untilKill, cancellationToken);
            if (options.HoldSchedulerLockSeconds is { } held)
                Console.WriteLine($"  {name}: {await bench.Backlog.HoldSchedulerLockAsync(TimeSpan.FromSeconds(held), cancellationToken)}");
            killedAt = DateTimeOffset.UtcNow;
            await bench.Instances[Doomed].KillAsync();
            Console.WriteLine($"  {name}: at the kill, {await bench.Backlog.DescribeLocksAsync()}");
            var margin = firstDue - killedAt.Value;
            Console.WriteLine(margin >= TimeSpan.Zero
                ? $"  {name}: instance B killed (SIGKILL), {margin.TotalSeconds:0.0} s before the first escalation falls due"
                : $"  {name}: instance B killed (SIGKILL), {-margin.TotalSeconds:0.0} s after the first escalation fell due (the declares took longer than the wait)");
        }

        // The page is created a little after its declare is sent; the grace covers that and any lateness worth reporting.
        var lastDue = seeds[^1].SentAt + wait;
        var escalated = await bench.Dms.WaitAsync(d => seeds.All(s => d.First(SeveralInstances.Two, s.Marker) is not null), lastDue + TimeSpan.FromSeconds(options.GraceSeconds), cancellationToken);
        // A second DM, if any, would come now: jobs retried, or run again by another instance.
        await Task.Delay(Settle, cancellationToken);
        await stopLoad.CancelAsync();
        var sentLoad = await load;
        await bench.Dms.WaitAsync(d => sentLoad.Where(s => s.Answered).All(s => d.First(SeveralInstances.One, s.Marker) is not null), DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30), cancellationToken);
        Console.WriteLine($"  {name}: escalations {(escalated ? "all in" : "not all in by the deadline")}; {sentLoad.Count} SEV3 declares of steady load sent meanwhile; {await bench.Backlog.DescribeAsync()}");

        foreach (var slow in bench.SlowestFirstDms(sentLoad.Concat(seeds), 5))
            Console.WriteLine($"  {name}: slow first page DM: {slow}");

        var created = await PageDueTimes.FirstPagesCreatedAsync(bench.Shared.Cosmos, bench.Shared.Database, cancellationToken);
        var escalations = seeds.Select(s =>
        {
            DateTimeOffset? due = bench.Dms.Number(s.Marker) is { } number && created.TryGetValue(number, out var at) ? at + wait : null;
            return new Escalation(s, due, bench.Dms.First(SeveralInstances.Two, s.Marker), bench.Dms.Count(SeveralInstances.One, s.Marker), bench.Dms.Count(SeveralInstances.Two, s.Marker));
        }).ToList();
        return new EscalationRound(name, escalations, sentLoad, bench.LatenciesToFirstDm(sentLoad), seedTime, PeakPending(escalations, wait), killedAt);
    }

    /// <summary>The most first pages pending at one moment: each counts from its creation until its escalation DM.</summary>
    private static int PeakPending(IEnumerable<Escalation> escalations, TimeSpan wait)
    {
        var changes = escalations.Where(e => e.Due is not null)
            .SelectMany(e => e.EscalatedAt is { } at
                ? new[] { (At: e.Due!.Value - wait, Change: 1), (At: at, Change: -1) }
                : new[] { (At: e.Due!.Value - wait, Change: 1) })
            .OrderBy(c => c.At).ThenBy(c => c.Change);
        int pending = 0, peak = 0;
        foreach (var (_, change) in changes)
            peak = Math.Max(peak, pending += change);
        return peak;
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
