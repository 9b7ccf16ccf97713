using IncidentBot.Dialogs;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Jobs;
using IncidentBot.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Benchmarks;

/// <summary>The bot's domain, embedded store and (optionally) Hangfire, with a recording chat platform; no HTTP.</summary>
internal static class BenchHost
{
    public static IHost Build(string databasePath, bool withJobs)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Path"] = databasePath,
            ["Jobs:SchedulePollingIntervalSeconds"] = "1",
            ["Jobs:WorkerCount"] = "10",
        });
        builder.Services.AddSingleton<RecordingPlatform>();
        builder.Services.AddSingleton<IChatPlatform>(provider => provider.GetRequiredService<RecordingPlatform>());
        builder.Services.AddIncidentDialogs().AddIncidentStorage(builder.Configuration);
        if (withJobs)
            builder.Services.AddJobs();
        else
            builder.Services.AddSingleton<IncidentBot.Dialogs.Work.IJobScheduler, NoJobs>();
        return builder.Build();
    }

    private sealed class NoJobs : IncidentBot.Dialogs.Work.IJobScheduler
    {
        public Task ScheduleAsync(string workspaceId, string workItemId, DateTimeOffset runAt, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<bool> IsHealthyAsync(CancellationToken cancellationToken) => Task.FromResult(true);
    }
}
