namespace IncidentBot.Jobs;

/// <summary>The <c>Jobs:Redis</c> section: the shared job storage of several instances.</summary>
public sealed class JobsRedisOptions
{
    /// <summary>A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c> or <c>host:6380,password=…,ssl=true</c>. Secret.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The key prefix, so several bots (or a bot and something else) can share a Redis.</summary>
    public string Prefix { get; set; } = "incidentbot:hangfire:";

    /// <summary>
    /// How long a job lock (Hangfire's scheduler, recurring-job and state locks, <c>DisableConcurrentExecution</c>)
    /// stands in Redis without renewal. Held locks are renewed every third of it; a killed instance's
    /// locks lapse after it, so the other instances' schedulers resume within it. 0.3 to 60 (checked at start-up).
    /// </summary>
    public double LockLeaseSeconds { get; set; } = 5;

    public TimeSpan LockLease => TimeSpan.FromSeconds(LockLeaseSeconds);

    /// <summary>
    /// The lease of Hangfire's scheduler lock when shorter than <see cref="LockLease"/>: a killed instance that held it
    /// keeps every instance from moving due jobs (escalations) until it lapses, and a poll holds it for milliseconds.
    /// It only saves work: each job's state lock and expected state keep a due job from being enqueued twice.
    /// </summary>
    public static readonly TimeSpan SchedulerLockLease = TimeSpan.FromSeconds(1);

    /// <summary>The longest a dead instance's scheduler lock keeps the others from enqueuing due jobs.</summary>
    public TimeSpan SchedulerLease => SchedulerLeaseWithin(LockLease);

    /// <summary>The scheduler lock's lease beside a lease of <paramref name="lockLease"/> for the other locks.</summary>
    public static TimeSpan SchedulerLeaseWithin(TimeSpan lockLease) => lockLease < SchedulerLockLease ? lockLease : SchedulerLockLease;
}
