using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.InMemory;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Options;

namespace IncidentBot.Jobs;

public static class JobsRegistration
{
    /// <summary>
    /// Hangfire with in-memory storage and a 1-second scheduler. The storage belongs to this host
    /// (<see cref="HostJobStorage"/>) and is registered as its <see cref="JobStorage"/>, not only
    /// as the static <c>JobStorage.Current</c>, so several hosts in one process (tests) keep their jobs apart.
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services)
    {
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobsOptions>, JobsOptionsValidator>();
        services.AddSingleton<JobServerIdentity>();
        // Registered before AddHangfire, whose defaults are process-wide statics (the activator and
        // filters of whichever host configured last): each host runs its jobs with its own services.
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<IJobFilterProvider>(provider => new HostJobFilters(RetryFilter(provider.GetRequiredService<IOptions<JobsOptions>>().Value)));
        services.AddHangfire((provider, configuration) => configuration
            .UseLogProvider(new HangfireLogBridge(provider.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(provider.GetRequiredService<HostJobStorage>().Storage));
        services.AddSingleton<HostJobStorage>();
        // Resolving the configuration first sets the log provider the storage's threads capture.
        services.AddSingleton<JobStorage>(provider =>
        {
            _ = provider.GetRequiredService<IGlobalConfiguration>();
            return provider.GetRequiredService<HostJobStorage>().Storage;
        });
        services.AddHangfireServer((provider, server) =>
        {
            var options = provider.GetRequiredService<IOptions<JobsOptions>>().Value;
            server.SchedulePollingInterval = options.SchedulePollingInterval;
            server.WorkerCount = options.WorkerCount;
            server.Queues = JobQueues.InOrder;
            server.ServerName = provider.GetRequiredService<JobServerIdentity>().Name;
            server.Activator = provider.GetRequiredService<JobActivator>();
            server.FilterProvider = provider.GetRequiredService<IJobFilterProvider>();
            if (options.JobThreadNiceness > 0)
                server.TaskScheduler = provider.GetRequiredService<JobThreads>();
        });
        // One thread per worker: a job that blocks (a lock wait) holds one, never all of them.
        services.AddSingleton(provider => new JobThreads(
            provider.GetRequiredService<IOptions<JobsOptions>>().Value.WorkerCount,
            provider.GetRequiredService<IOptions<JobsOptions>>().Value.JobThreadNiceness));
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<JobsOptions>>().Value;
            return new WorkRetries(options.RetryAttempts, [.. options.RetryDelays().Select(s => TimeSpan.FromSeconds(s))]);
        });
        services.AddSingleton<WaitingJobs>();
        services.AddSingleton(provider => new JobStorageThreads(provider.GetRequiredService<ILogger<JobStorageThreads>>()));
        services.AddSingleton<ImmediateWork>();
        // After Hangfire's server: hosted services stop in reverse, so runs in flight end while a failed one can still become a job.
        services.AddHostedService(provider => provider.GetRequiredService<ImmediateWork>());
        services.AddSingleton<HangfireJobScheduler>();
        services.AddSingleton<IJobScheduler>(provider => provider.GetRequiredService<HangfireJobScheduler>());
        services.AddTransient<RunWorkJob>();
        services.AddTransient<ReconcileWorkJob>();
        services.AddHostedService<StartupReconciler>();
        return services;
    }

    /// <summary>
    /// Holds back the jobs a request asks for until its answer has gone (Slack's 3 seconds, the
    /// Teams reply): their work items are already stored with the change, so scheduling them is
    /// the only thing left, and the person need not wait for it.
    /// </summary>
    public static IApplicationBuilder UseJobsAfterAnswers(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var scheduler = context.RequestServices.GetRequiredService<IJobScheduler>();
            using var jobs = DeferredJobs.Begin();
            context.Response.OnCompleted(() => jobs.FlushAsync(scheduler, CancellationToken.None));
            await next(context);
        });

    /// <summary>
    /// A job whose retries are spent is deleted, not left failed: the work item stays in the store
    /// and the reconciler schedules it again, whereas Hangfire keeps a failed job (arguments,
    /// exception, history) until someone deletes it — in memory, for ever.
    /// </summary>
    internal static AutomaticRetryAttribute RetryFilter(JobsOptions options) =>
        new() { Attempts = options.RetryAttempts, DelaysInSeconds = options.RetryDelays(), OnAttemptsExceeded = AttemptsExceededAction.Delete };
}
