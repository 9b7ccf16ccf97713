using System.Globalization;
using BenchmarkDotNet.Running;
using IncidentBot.Benchmarks;

// dotnet run -c Release --project bench/IncidentBot.Benchmarks -- reminders [count] [spreadSeconds] [leadSeconds]
// dotnet run -c Release --project bench/IncidentBot.Benchmarks -- draft
switch (args.FirstOrDefault())
{
    case "reminders":
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        var spread = TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 120);
        // The lead must outlast the seeding (about 5 ms a reminder here), or firing and seeding overlap.
        var lead = TimeSpan.FromSeconds(args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 90);
        return await PendingRemindersRun.RunAsync(count, lead, spread);
    case "draft":
        BenchmarkRunner.Run<DraftBenchmarks>(args: args[1..]);
        return 0;
    default:
        Console.Error.WriteLine("Usage: -- reminders [count] [spreadSeconds] [leadSeconds] | -- draft [BenchmarkDotNet options]");
        return 2;
}
