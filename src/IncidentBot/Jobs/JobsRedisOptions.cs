namespace IncidentBot.Jobs;

/// <summary>The <c>Jobs:Redis</c> section: the shared job storage of several instances.</summary>
public sealed class JobsRedisOptions
{
    /// <summary>A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c> or <c>host:6380,password=…,ssl=true</c>. Secret.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The key prefix, so several bots (or a bot and something else) can share a Redis.</summary>
    public string Prefix { get; set; } = "incidentbot:hangfire:";
}
