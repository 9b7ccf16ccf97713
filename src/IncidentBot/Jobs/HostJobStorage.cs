using System.Runtime.CompilerServices;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.Redis.StackExchange;
using IncidentBot.Jobs.Leases;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IncidentBot.Jobs;

/// <summary>
/// This host's job storage, created on first use (after Hangfire's logging is configured): in
/// memory for one instance, or Redis, shared by several instances so each job runs once and the
/// job locks hold across them.
/// </summary>
public sealed class HostJobStorage(IOptions<JobsOptions> options, ILoggerFactory loggerFactory) : IDisposable
{
    private readonly Lazy<(JobStorage Storage, IDisposable? Owned)> _storage = new(() => Create(options.Value, loggerFactory));

    public JobStorage Storage => _storage.Value.Storage;

    public JobStorageKind Kind => options.Value.Storage;

    /// <summary>Other instances see the same jobs: no in-process shortcuts that assume a job runs here.</summary>
    public bool IsShared => Kind != JobStorageKind.InMemory;

    /// <summary>How long a dead instance's scheduler lock can keep the others from enqueuing due jobs: never in memory.</summary>
    public TimeSpan SchedulerStall => IsShared ? options.Value.Redis.SchedulerLease : TimeSpan.Zero;

    /// <summary>The Redis database the shared job storage uses; only when <see cref="IsShared"/>.</summary>
    // Not inlined, like CreateRedis: an in-memory host never loads the Redis types.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public IDatabase RedisDatabase()
    {
        if (!IsShared || _storage.Value.Owned is not IConnectionMultiplexer connection)
            throw new InvalidOperationException("The job storage is not Redis.");
        return connection.GetDatabase();
    }

    public void Dispose()
    {
        if (!_storage.IsValueCreated)
            return;
        var (storage, owned) = _storage.Value;
        (storage as IDisposable)?.Dispose();
        owned?.Dispose();
    }

    private static (JobStorage, IDisposable?) Create(JobsOptions options, ILoggerFactory loggerFactory)
    {
        if (options.Storage == JobStorageKind.InMemory)
            return (new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromSeconds(options.FinishedJobRetentionSeconds) }), null);
        return CreateRedis(options, loggerFactory);
    }

    // A method of its own: compiling one that names the Redis types loads their assemblies, which an in-memory host never needs.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (JobStorage, IDisposable?) CreateRedis(JobsOptions options, ILoggerFactory loggerFactory)
    {
        var configuration = ConfigurationOptions.Parse(options.Redis.ConnectionString);
        // Start even when Redis is not up yet: the job server retries, and /readyz says so meanwhile.
        configuration.AbortOnConnectFail = false;
        var connection = ConnectionMultiplexer.Connect(configuration);
        var storage = new RedisStorage(connection, new RedisStorageOptions
        {
            Prefix = options.Redis.Prefix,
            // A job fetched by an instance that died goes back to the queue after this. Kept at 2 min:
            // the package re-queues by fetch time whether or not its server lives (no renewal while a job
            // runs, so a shorter one re-runs slow jobs beside themselves), and looks only once a minute
            // anyway; the stored work item and the reconciler cover a dead instance's jobs sooner (issue 16).
            InvisibilityTimeout = TimeSpan.FromMinutes(2),
        });
        // The package's own locks stand 30 s after a kill; ours lapse within the lease (Jobs/Leases).
        var leases = new RedisLeases(connection.GetDatabase(storage.Db), options.Redis.Prefix, options.Redis.LockLease, TimeProvider.System, loggerFactory.CreateLogger<RedisLeases>());
        return (new LeasedJobStorage(storage, leases), connection);
    }
}
