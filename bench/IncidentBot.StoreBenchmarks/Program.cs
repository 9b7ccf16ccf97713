using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace IncidentBot.StoreBenchmarks;

/// <summary>
/// A named entry point rather than top-level statements: those would make a second
/// <c>Program</c> type beside the bot's, which <c>cosmos-burst</c> hosts with <c>WebApplicationFactory&lt;Program&gt;</c>.
/// </summary>
public static class StoreBenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        // Issue 12: simultaneous declares on a bot over Cosmos DB, answered-with-number count and RU per declare/change.
        if (args is ["cosmos-burst", ..])
            return await CosmosBurst.RunAsync(args[1..]);

        // Issue 12/13: the embedded store's writer under many concurrent commits.
        if (args is ["commit-burst", ..])
            return await CommitBurst.RunAsync(args[1..]);

        // Issue 13 (cols14): how long opening a file takes, its schema upgrade included.
        if (args is ["open-file", ..])
            return await OpenFile.RunAsync(args[1..]);

        // Issue 15: what the evidence ledger adds to one incident change, against today's write.
        if (args is ["ledger-cost", ..])
            return await LedgerCost.RunAsync(args[1..]);

        // Both stores in one run: BenchmarkDotNet for latency and operations/s, then the request charges.
        // In process: the Cosmos DB test server is a child process started by each store's setup.
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1)
                .WithWarmupCount(3)
                .WithIterationCount(10))
            .AddColumn(StatisticColumn.P95, StatisticColumn.OperationsPerSecond)
            .HideColumns(Column.Error, Column.StdDev);
        BenchmarkRunner.Run<StoreBenchmarks>(config, args);

        var charges = await RequestChargeReport.MeasureAsync();
        Console.WriteLine();
        Console.WriteLine(charges);
        Directory.CreateDirectory("BenchmarkDotNet.Artifacts");
        await File.WriteAllTextAsync(Path.Combine("BenchmarkDotNet.Artifacts", "request-charges.md"), charges);
        return 0;
    }
}
