using System.Collections.Concurrent;
using System.Collections.Immutable;
using Hangfire.Storage;
using StackExchange.Redis;

namespace IncidentBot.Jobs.Leases;

/// <summary>
/// Hangfire's distributed locks as short leases in Redis: <c>SET key token NX PX lease</c>, renewed
/// at a third of the lease while held, released only by their owner. Hangfire.Redis.StackExchange
/// holds its own for a fixed 30 s, so a killed instance's <c>locks:schedulepoller</c> stopped every
/// instance moving due jobs for up to 30 s; a lease lapses within its length instead.
/// </summary>
public sealed class RedisLeases
{
    // Compare-and-delete and compare-and-extend: a lease that lapsed and was taken by another
    // owner is neither released nor extended by its former holder.
    private const string ReleaseScript = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
    private const string RenewScript = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

    /// <summary>Hangfire's scheduler lock, leased for <see cref="JobsRedisOptions.SchedulerLockLease"/> at most.</summary>
    public const string SchedulerLock = "locks:schedulepoller";

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMilliseconds(100);

    private readonly IDatabase _redis;
    private readonly TimeSpan _schedulerLength;
    private readonly string _prefix;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;

    // The leases this storage holds, by key.
    private readonly ConcurrentDictionary<string, HeldLease> _held = new(StringComparer.Ordinal);

    // The leases the current execution flow holds, for re-entrancy: Hangfire takes a job's state lock
    // on a connection and again in a transaction of the same call (DelayedJobScheduler, the state
    // changer). A flow, not a thread: a lock held across an await must not be entered by whatever
    // else later runs on the thread that took it (the package's thread-local set allows that).
    private readonly AsyncLocal<ImmutableDictionary<string, HeldLease>?> _flow = new();

    public RedisLeases(IDatabase redis, string prefix, TimeSpan length, TimeProvider clock, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, TimeSpan.FromMilliseconds(30));
        _redis = redis;
        _prefix = prefix;
        Length = length;
        _schedulerLength = JobsRedisOptions.SchedulerLeaseWithin(length);
        _clock = clock;
        _logger = logger;
    }

    public TimeSpan Length { get; }

    /// <summary>The longest a dead instance's scheduler lock keeps the other instances from enqueuing due jobs.</summary>
    public TimeSpan SchedulerStall => LengthOf(SchedulerLock);

    /// <summary>The lease of one lock: <see cref="Length"/>, shorter for the scheduler's.</summary>
    public TimeSpan LengthOf(string resource) => resource == SchedulerLock ? _schedulerLength : Length;

    /// <summary>The Redis key of a Hangfire lock resource: the same key the package's own lock uses, so old and new instances exclude each other during a rolling upgrade.</summary>
    public string KeyOf(string resource) => _prefix + resource;

    /// <summary>
    /// Takes the lease on <paramref name="resource"/>, or enters it again if this execution flow holds it;
    /// waits by polling with backoff and throws Hangfire's <see cref="DistributedLockTimeoutException"/>
    /// after <paramref name="timeout"/>. Synchronous because Hangfire's storage API is.
    /// </summary>
    public IDisposable Acquire(string resource, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var key = KeyOf(resource);
        var flow = _flow.Value ?? ImmutableDictionary.Create<string, HeldLease>(StringComparer.Ordinal);
        if (flow.TryGetValue(key, out var held) && held.TryEnterAgain())
            return new LeaseHandle(held);

        var token = Guid.NewGuid().ToString("N");
        var length = LengthOf(resource);
        var started = _clock.GetTimestamp();
        var retry = FirstRetry;
        while (!_redis.StringSet(key, token, length, When.NotExists))
        {
            var left = timeout - _clock.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
                throw new DistributedLockTimeoutException(key);
            // Jitter keeps two waiting instances from asking in step.
            var pause = TimeSpan.FromTicks((long)(retry.Ticks * (0.5 + Random.Shared.NextDouble())));
            Thread.Sleep(pause < left ? pause : left);
            retry = retry * 2 < LongestRetry ? retry * 2 : LongestRetry;
        }

        held = new HeldLease(this, key, token, length);
        _held[key] = held;
        // A lease released in another flow stays in this one's set, exited: it is skipped above and replaced here.
        _flow.Value = flow.SetItem(key, held);
        held.StartRenewing();
        return new LeaseHandle(held);
    }

    /// <summary>Whether this storage holds the lease on <paramref name="resource"/>.</summary>
    public bool Holds(string resource) => _held.ContainsKey(KeyOf(resource));

    private void Release(HeldLease lease)
    {
        _held.TryRemove(new KeyValuePair<string, HeldLease>(lease.Key, lease));
        if (_flow.Value is { } flow && flow.TryGetValue(lease.Key, out var entered) && entered == lease)
            _flow.Value = flow.Remove(lease.Key);
        try
        {
            if ((long)_redis.ScriptEvaluate(ReleaseScript, [lease.Key], [lease.Token]) == 0)
                _logger.LeaseLapsedBeforeRelease(lease.Key);
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            // Nobody else can release it: the lease lapses by itself within its length.
            _logger.LeaseReleaseFailed(e, lease.Key);
        }
    }

    /// <returns>False when the lease is gone or another owner's: renewing it further is pointless.</returns>
    /// <remarks>
    /// Asynchronous: it runs from a timer, on the thread pool, whose threads also receive Redis's replies. A blocking
    /// renewal held a pool thread per held lease; with the job storage's calls that blocked too, no thread was left
    /// to receive the replies they waited for (PERFORMANCE.md, issue 16).
    /// </remarks>
    private async Task<bool> RenewAsync(HeldLease lease)
    {
        try
        {
            if ((long)await _redis.ScriptEvaluateAsync(RenewScript, [lease.Key], [lease.Token, (long)lease.Length.TotalMilliseconds]).ConfigureAwait(false) == 1)
                return true;
            _held.TryRemove(new KeyValuePair<string, HeldLease>(lease.Key, lease));
            lease.MarkLost();
            _logger.LeaseLost(lease.Key, lease.Length.TotalSeconds);
            return false;
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            // Redis unreachable for a moment: try again at the next tick while the lease may still stand.
            _logger.LeaseRenewFailed(e, lease.Key);
            return true;
        }
    }

    // RedisTimeoutException is a TimeoutException, not a RedisException; a disposed multiplexer (shutdown) throws ObjectDisposedException.
    private static bool IsRedisFailure(Exception e) => e is RedisException or TimeoutException or ObjectDisposedException;

    /// <summary>One lease in Redis and how many times its owner flow has entered it.</summary>
    private sealed class HeldLease(RedisLeases leases, string key, string token, TimeSpan length)
    {
        private readonly Lock _gate = new();
        private int _entered = 1;
        private bool _isLost;
        private ITimer? _renewal;

        public string Key => key;

        public string Token => token;

        public TimeSpan Length => length;

        public bool TryEnterAgain()
        {
            lock (_gate)
            {
                // A lost lease is not entered again: the next acquisition asks Redis.
                if (_entered == 0 || _isLost)
                    return false;
                _entered++;
                return true;
            }
        }

        public void MarkLost()
        {
            lock (_gate)
                _isLost = true;
        }

        public void StartRenewing()
        {
            var every = length / 3;
            // The timer need not carry the acquiring flow (and its leases) along.
            using var noFlow = ExecutionContext.SuppressFlow();
            lock (_gate)
                _renewal = leases._clock.CreateTimer(_ => _ = TickAsync(), null, every, every);
        }

        public void Exit()
        {
            lock (_gate)
            {
                if (--_entered > 0)
                    return;
                _renewal?.Dispose();
            }
            leases.Release(this);
        }

        // Never throws: RenewAsync catches Redis's failures, and nothing else here can fail.
        private async Task TickAsync()
        {
            lock (_gate)
            {
                if (_entered == 0)
                    return;
            }
            if (!await leases.RenewAsync(this).ConfigureAwait(false))
                lock (_gate)
                    _renewal?.Dispose();
        }
    }

    /// <summary>One acquisition; disposing it twice exits once.</summary>
    private sealed class LeaseHandle(HeldLease lease) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                lease.Exit();
        }
    }
}
