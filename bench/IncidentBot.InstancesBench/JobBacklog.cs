using System.Globalization;
using StackExchange.Redis;

namespace IncidentBot.InstancesBench;

/// <summary>
/// How many jobs wait in the shared Redis job storage: enqueued (due, no worker has taken them yet)
/// and scheduled (not yet due). Escalations wait in the same queue as every other job, so a backlog
/// here explains lateness that neither bot process reports.
/// </summary>
internal sealed class JobBacklog(ConnectionMultiplexer redis) : IDisposable
{
    /// <summary>The default of <c>Jobs:Redis:Prefix</c>, which the bench leaves as it is.</summary>
    private const string Prefix = "incidentbot:hangfire:";

    public static async Task<JobBacklog> ConnectAsync(string connectionString) => new(await ConnectionMultiplexer.ConnectAsync(connectionString));

    public async Task<string> DescribeAsync()
    {
        var database = redis.GetDatabase();
        var enqueued = await database.ListLengthAsync(Prefix + "queue:default") + await database.ListLengthAsync(Prefix + "queue:urgent");
        var scheduled = await database.SortedSetLengthAsync(Prefix + "schedule");
        return string.Create(CultureInfo.InvariantCulture, $"jobs waiting in Redis: {enqueued} enqueued, {scheduled} scheduled");
    }

    /// <summary>
    /// The Hangfire locks standing in Redis and how long each has left: taken at the kill, they are
    /// what the killed instance left behind for the survivor to wait out.
    /// </summary>
    public async Task<string> DescribeLocksAsync()
    {
        var database = redis.GetDatabase();
        var locks = new List<string>();
        foreach (var endpoint in redis.GetEndPoints())
        {
            // Hangfire's own locks name "lock"; the work-item locks (DisableConcurrentExecution) are named for the item.
            foreach (var pattern in new[] { Prefix + "*lock*", Prefix + "incidentbot:work:*" })
            await foreach (var key in redis.GetServer(endpoint).KeysAsync(pattern: pattern))
            {
                var left = await database.KeyTimeToLiveAsync(key);
                locks.Add(string.Create(CultureInfo.InvariantCulture, $"{((string)key!)[Prefix.Length..]} ({(left is { } l ? l.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s left" : "no expiry")})"));
            }
        }
        return locks.Count == 0 ? "no Hangfire or work-item locks standing in Redis" : "Hangfire and work-item locks standing in Redis: " + string.Join(", ", locks);
    }

    /// <summary>
    /// Takes Hangfire's scheduler lock for <paramref name="lease"/> and never renews or releases it, as an instance
    /// killed in the middle of a poll leaves it. Waits (at most 2 s) for a poll in progress to let go first.
    /// </summary>
    public async Task<string> HoldSchedulerLockAsync(TimeSpan lease, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(2);
        while (!await database.StringSetAsync(Prefix + "locks:schedulepoller", "killed-instance", lease, When.NotExists))
        {
            if (DateTimeOffset.UtcNow > deadline)
                return "the scheduler lock stayed taken for 2 s: not held for the kill";
            await Task.Delay(TimeSpan.FromMilliseconds(5), cancellationToken);
        }
        return string.Create(CultureInfo.InvariantCulture, $"the scheduler lock held for {lease.TotalSeconds:0.0} s from the kill, as if B died holding it");
    }

    public void Dispose() => redis.Dispose();
}
