using System.Diagnostics;
using Hangfire;
using Hangfire.Common;
using Hangfire.Redis.StackExchange;
using Hangfire.States;
using Hangfire.Storage;
using IncidentBot.Jobs.Leases;
using IncidentBot.Jobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace IncidentBot.IntegrationTests.Jobs;

/// <summary>
/// Hangfire's distributed locks as short leases in a real redis-server: a dead holder's lease lapses
/// (bounded loosely, the machine is shared, yet far below the package's own 30 s), a live one is renewed past its
/// length, one holder at a time, only the owner releases,
/// re-entrant in the holding flow, and Hangfire's own scheduler takes its lock through them.
/// Redis expires keys on wall time, so the tests wait in real time, bounded, only as long as a lapse needs.
/// </summary>
public sealed class RedisLeasesTests : IAsyncLifetime
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(1);

    // For tests of who may enter a lease, where no lapse should decide: a 1 s lease lapsed once in CI when its renewal timer
    // ran late on a busy machine, and another instance entered a lease that was still held (a fresh-clone CI run, 2026-12-06).
    private static readonly TimeSpan NoLapse = TimeSpan.FromSeconds(30);

    private readonly string _prefix = "lease-tests:" + Guid.NewGuid().ToString("N")[..8] + ":";
    private readonly List<IDisposable> _owned = [];
    private RedisTestServer _redis = null!;
    private ConnectionMultiplexer _connection = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisTestServer.StartAsync();
        _connection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
            owned.Dispose();
        await _connection.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task A_dead_instances_scheduler_lock_lapses_on_its_one_second_lease_while_its_other_locks_stand_theirs()
    {
        // The other locks' lease is ten times the scheduler's, so the order of the two lapses shows even on a
        // shared machine where a thread can wait a second for the CPU (CI once measured 2.04 s for the 1 s lapse).
        var lease = TimeSpan.FromSeconds(10);
        var holderConnection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var holder = Leases(holderConnection, lease);
        var contender = Leases(_connection, lease);
        _ = holder.Acquire(RedisLeases.SchedulerLock, TimeSpan.Zero);
        _ = holder.Acquire("recurring-jobs:lock", TimeSpan.Zero);

        await holderConnection.DisposeAsync(); // killed: no release, no renewal
        var died = Stopwatch.GetTimestamp();
        using var taken = await OnOwnThread(() => contender.Acquire(RedisLeases.SchedulerLock, TimeSpan.FromSeconds(10)));

        var waited = Stopwatch.GetElapsedTime(died);
        var left = await _connection.GetDatabase().KeyTimeToLiveAsync(_prefix + "recurring-jobs:lock");
        Assert.Equal(JobsRedisOptions.SchedulerLockLease, contender.SchedulerStall);
        Assert.True(waited < lease / 2, $"The scheduler lock was taken {waited.TotalSeconds:0.00} s after its holder died; its lease is {JobsRedisOptions.SchedulerLockLease.TotalSeconds} s.");
        Assert.True(left > lease / 4, $"The recurring-jobs lock had {left} left; it stands its {lease.TotalSeconds} s lease.");
    }

    [Fact]
    public async Task A_lease_whose_holder_died_without_releasing_lapses_and_is_taken_by_a_waiting_contender()
    {
        var holderConnection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var holder = Leases(holderConnection, Short);
        var contender = Leases(_connection, Short);
        _ = holder.Acquire("locks:schedulepoller", TimeSpan.Zero); // never released: its holder dies
        Assert.Throws<DistributedLockTimeoutException>(() => contender.Acquire("locks:schedulepoller", TimeSpan.Zero));

        await holderConnection.DisposeAsync(); // the holder's connection is gone: no release, no renewal
        var died = Stopwatch.GetTimestamp();
        using var taken = await OnOwnThread(() => contender.Acquire("locks:schedulepoller", TimeSpan.FromSeconds(10)));

        // Bounded loosely: on a shared machine a thread can wait a second for the CPU; Hangfire's own lock held 30 s.
        var waited = Stopwatch.GetElapsedTime(died);
        Assert.True(waited < Short * 4, $"The lease was taken {waited.TotalSeconds:0.00} s after its holder died; the lease is {Short.TotalSeconds} s.");
        Assert.True(contender.Holds("locks:schedulepoller"));
    }

    [Fact]
    public async Task A_held_lease_is_renewed_past_its_length()
    {
        // The renewal timer runs on a clock the test moves, and the test stands in for the time that passes by
        // shortening the key's expiry in Redis: on wall time, a busy CI machine twice ran the timer too late (stops 29, 42).
        var clock = new FakeTimeProvider();
        var lease = TimeSpan.FromSeconds(60);
        var holder = new RedisLeases(_connection.GetDatabase(), _prefix, lease, clock, NullLogger.Instance);
        var contender = Leases(_connection, lease);
        var held = holder.Acquire("recurring-jobs:lock", TimeSpan.Zero);
        var key = (RedisKey)holder.KeyOf("recurring-jobs:lock");
        var token = await _connection.GetDatabase().StringGetAsync(key);
        var nearlyLapsed = TimeSpan.FromSeconds(20);

        // Three renewals, each when the lease had a third of its length left: without them it would have lapsed three times over.
        for (var renewal = 0; renewal < 3; renewal++)
        {
            await _connection.GetDatabase().KeyExpireAsync(key, nearlyLapsed);
            clock.Advance(lease / 3);
            var left = await BoundedPoll.UntilAsync(
                async _ => await _connection.GetDatabase().KeyTimeToLiveAsync(key), ttl => ttl is null || ttl > nearlyLapsed * 2,
                "the renewal to extend the lease", TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20));
            Assert.True(left > nearlyLapsed * 2, $"Renewal {renewal + 1} left the lease {left?.TotalSeconds:0.0} s of its {lease.TotalSeconds} s.");
        }

        Assert.Equal(token, await _connection.GetDatabase().StringGetAsync(key));
        Assert.Throws<DistributedLockTimeoutException>(() => contender.Acquire("recurring-jobs:lock", TimeSpan.Zero));

        // Released, it is neither renewed nor recreated by a later tick.
        held.Dispose();
        clock.Advance(lease);
        Assert.False(await _connection.GetDatabase().KeyExistsAsync(key));
    }

    [Fact]
    public async Task Of_two_instances_contending_for_a_lock_only_one_holds_it_at_a_time()
    {
        var instances = new[] { Leases(_connection, NoLapse), Leases(_connection, NoLapse) };
        var inside = 0;
        var mostInside = 0;
        var entries = 0;

        // Four threads, two per instance, each entering twenty times.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Factory.StartNew(() =>
        {
            for (var round = 0; round < 20; round++)
            {
                using var held = instances[i % 2].Acquire("job:42:state-lock", TimeSpan.FromSeconds(30));
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref mostInside, now);
                Interlocked.Increment(ref entries);
                Thread.Yield();
                Interlocked.Decrement(ref inside);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));

        Assert.Equal(80, entries);
        Assert.Equal(1, mostInside);
        Assert.False(await _connection.GetDatabase().KeyExistsAsync(instances[0].KeyOf("job:42:state-lock")));
    }

    [Fact]
    public async Task A_holder_whose_lease_was_taken_over_releases_nothing_of_the_new_owner()
    {
        var former = Leases(_connection, Short);
        var key = (RedisKey)former.KeyOf("locks:schedulepoller");
        var held = former.Acquire("locks:schedulepoller", TimeSpan.Zero);
        // As after a lapse: another instance now owns the key.
        await _connection.GetDatabase().StringSetAsync(key, "another-owner", TimeSpan.FromSeconds(30));

        held.Dispose();

        Assert.Equal("another-owner", (string?)await _connection.GetDatabase().StringGetAsync(key));
    }

    [Fact]
    public async Task A_lease_found_taken_over_at_its_renewal_is_not_entered_again_by_its_former_holder()
    {
        var former = Leases(_connection, TimeSpan.FromMilliseconds(600));
        using var held = former.Acquire("recurring-jobs:lock", TimeSpan.Zero);
        await _connection.GetDatabase().StringSetAsync(former.KeyOf("recurring-jobs:lock"), "another-owner", TimeSpan.FromSeconds(30));

        // The next renewal (every 200 ms) finds another owner's token.
        await BoundedPoll.UntilAsync(_ => Task.FromResult(former.Holds("recurring-jobs:lock")), holds => !holds,
            "the renewal to find the lease taken over", TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50));

        Assert.Throws<DistributedLockTimeoutException>(() => former.Acquire("recurring-jobs:lock", TimeSpan.Zero));
    }

    [Fact]
    public async Task The_holding_flow_enters_a_held_lease_again_and_it_stands_until_the_outer_release()
    {
        var instance = Leases(_connection, NoLapse);
        var other = Leases(_connection, NoLapse);

        var outer = instance.Acquire("job:7:state-lock", TimeSpan.Zero);
        var inner = instance.Acquire("job:7:state-lock", TimeSpan.Zero);
        inner.Dispose();
        Assert.Throws<DistributedLockTimeoutException>(() => other.Acquire("job:7:state-lock", TimeSpan.Zero));
        // Another job of the same instance (a flow that did not come from the holder's) waits like anyone else.
        Task<IDisposable> otherJob;
        using (ExecutionContext.SuppressFlow())
            otherJob = Task.Run(() => instance.Acquire("job:7:state-lock", TimeSpan.Zero));
        await Assert.ThrowsAsync<DistributedLockTimeoutException>(() => otherJob);
        outer.Dispose();

        using var taken = other.Acquire("job:7:state-lock", TimeSpan.Zero);
        Assert.True(other.Holds("job:7:state-lock"));
    }

    [Fact]
    public void A_job_state_lock_taken_on_a_connection_is_entered_again_by_its_transaction_as_Hangfire_does()
    {
        var storage = Storage(new RedisStorageOptions { Prefix = _prefix });
        using var connection = storage.GetConnection();

        // DelayedJobScheduler holds the state lock on its connection while the state changer takes it in a transaction.
        using (connection.AcquireDistributedJobLock("9", TimeSpan.Zero))
        using (var transaction = (JobStorageTransaction)connection.CreateWriteTransaction())
        {
            transaction.AcquireDistributedJobLock("9", TimeSpan.Zero);
            transaction.Commit();
        }

        Assert.False(storage.Leases.Holds("job:9:state-lock"));
        Assert.False(_connection.GetDatabase().KeyExists(storage.Leases.KeyOf("job:9:state-lock")));
    }

    [Fact]
    public async Task A_due_job_is_moved_within_the_lease_when_the_instance_whose_scheduler_held_the_lock_dies()
    {
        // Instance A's scheduler stops inside its lock (mid state change) and A's Redis connection goes: a kill -9, as Redis sees it.
        var deadConnection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var a = Storage(new RedisStorageOptions { Prefix = _prefix }, deadConnection);
        var b = Storage(new RedisStorageOptions { Prefix = _prefix }, _connection);
        using var stuck = new StuckStateElection();
        var jobId = new BackgroundJobClient(a).Create(Job.FromExpression(() => NothingJob.Run()), new ScheduledState(DateTime.UtcNow));
        using var serverA = Server(a, stuck);
        try
        {
            Assert.True(stuck.Entered.Wait(TimeSpan.FromSeconds(30)), "Instance A's scheduler did not start moving the due job.");
            Assert.True(a.Leases.Holds("locks:schedulepoller"));
            await deadConnection.DisposeAsync();
            var died = Stopwatch.GetTimestamp();

            using var serverB = Server(b, filter: null);
            using var connection = b.GetConnection();
            await BoundedPoll.UntilAsync(_ => Task.FromResult(connection.GetStateData(jobId).Name), state => state == EnqueuedState.StateName,
                "instance B's scheduler to enqueue the due job", TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(50));

            var waited = Stopwatch.GetElapsedTime(died);
            // Hangfire.Redis.StackExchange's own lock would have stood 30 s; the bound leaves room for a busy shared machine.
            Assert.True(waited < Short * 8, $"Enqueued {waited.TotalSeconds:0.00} s after instance A died; the lease is {Short.TotalSeconds} s.");
        }
        finally
        {
            stuck.Release.Set();
        }
    }

    [Fact]
    public void Finished_jobs_are_trimmed_to_the_inner_storages_list_size_behind_the_wrapper()
    {
        var storage = Storage(new RedisStorageOptions { Prefix = _prefix, SucceededListSize = 2 });
        var client = new BackgroundJobClient(storage);

        for (var i = 0; i < 5; i++)
        {
            var id = client.Create(Job.FromExpression(() => NothingJob.Run()), new EnqueuedState("nobody-listens"));
            Assert.True(client.ChangeState(id, new SucceededState(null, 1, 1), EnqueuedState.StateName));
        }

        // The package's handler keeps elements 0..SucceededListSize, when it sees its own storage.
        Assert.Equal(3, _connection.GetDatabase().ListLength(_prefix + "succeeded"));
    }

    /// <summary>A job these tests create and never run.</summary>
    public static class NothingJob
    {
        public static void Run()
        {
        }
    }

    /// <summary>Runs a blocking acquire on a thread of its own: a pool thread can start late while other test classes block theirs.</summary>
    private static Task<T> OnOwnThread<T>(Func<T> acquire) =>
        Task.Factory.StartNew(acquire, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private RedisLeases Leases(ConnectionMultiplexer connection, TimeSpan length) =>
        new(connection.GetDatabase(), _prefix, length, TimeProvider.System, NullLogger.Instance);

    private LeasedJobStorage Storage(RedisStorageOptions options, ConnectionMultiplexer? connection = null) =>
        new(new RedisStorage(connection ?? _connection, options), Leases(connection ?? _connection, Short));

    /// <summary>A job server that runs no job (nobody listens on its queue) but schedules, polling every 100 ms.</summary>
    private static BackgroundJobServer Server(JobStorage storage, IElectStateFilter? filter)
    {
        var options = new BackgroundJobServerOptions { SchedulePollingInterval = TimeSpan.FromMilliseconds(100), Queues = ["nobody-listens"], WorkerCount = 1 };
        if (filter is not null)
            options.FilterProvider = new JobFilterCollection { filter };
        return new BackgroundJobServer(options, storage);
    }

    /// <summary>Holds the first state change it sees (inside the scheduler's and the job's locks) until released.</summary>
    private sealed class StuckStateElection : IElectStateFilter, IDisposable
    {
        private int _seen;

        public ManualResetEventSlim Entered { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public void OnStateElection(ElectStateContext context)
        {
            if (Interlocked.Exchange(ref _seen, 1) != 0)
                return;
            Entered.Set();
            Release.Wait(TimeSpan.FromMinutes(2));
        }

        public void Dispose()
        {
            Release.Set();
            Entered.Dispose();
            Release.Dispose();
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
