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
        var enqueued = await database.ListLengthAsync(Prefix + "queue:default");
        var scheduled = await database.SortedSetLengthAsync(Prefix + "schedule");
        return string.Create(CultureInfo.InvariantCulture, $"jobs waiting in Redis: {enqueued} enqueued, {scheduled} scheduled");
    }

    public void Dispose() => redis.Dispose();
}
