using Hangfire;
using Hangfire.InMemory;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Options;

namespace IncidentBot.Jobs;

public static class JobsRegistration
{
    /// <summary>
    /// Hangfire with in-memory storage and a 1-second scheduler. The storage is created here
    /// and registered as the one <see cref="JobStorage"/> of this host (not only the static
    /// <c>JobStorage.Current</c>), so several hosts in one process (tests) keep their jobs apart.
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services)
    {
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<JobStorage>(provider =>
        {
            // Hangfire's log provider is static and its components take loggers from it when built:
            // point it at this host's loggers first, and never fail on a disposed host's (a restart,
            // or hosts started and stopped side by side in tests).
            GlobalConfiguration.Configuration.UseLogProvider(new HostLogProvider(provider.GetRequiredService<ILoggerFactory>()));
            return new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(6) });
        });
        services.AddHangfire((provider, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseFilter(new AutomaticRetryAttribute { Attempts = provider.GetRequiredService<IOptions<JobsOptions>>().Value.RetryAttempts })
            .UseStorage(provider.GetRequiredService<JobStorage>()));
        services.AddHangfireServer((provider, server) =>
        {
            var options = provider.GetRequiredService<IOptions<JobsOptions>>().Value;
            server.SchedulePollingInterval = TimeSpan.FromSeconds(options.SchedulePollingIntervalSeconds);
            server.WorkerCount = options.WorkerCount;
            server.ServerName = $"incidentbot:{Environment.MachineName}:{Environment.ProcessId}";
        });
        services.AddSingleton<IJobScheduler, HangfireJobScheduler>();
        services.AddTransient<RunWorkJob>();
        services.AddTransient<ReconcileWorkJob>();
        services.AddHostedService<StartupReconciler>();
        return services;
    }
}
