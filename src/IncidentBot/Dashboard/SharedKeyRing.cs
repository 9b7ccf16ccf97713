using System.Runtime.CompilerServices;
using IncidentBot.Jobs;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Options;

namespace IncidentBot.Dashboard;

/// <summary>
/// Several instances (Redis job storage) share the data-protection key ring in that Redis, so a dashboard sign-in or
/// anti-forgery cookie made by one instance is read by every other behind the load balancer; with a key ring per
/// instance the next request to another one would send the person back to <c>/login</c>. One instance keeps ASP.NET's
/// default (a folder under the user's home).
/// </summary>
public static class SharedKeyRing
{
    /// <summary>The same name on every instance: it keeps their cookies readable by each other whatever their paths.</summary>
    public const string ApplicationName = "IncidentBot";

    /// <summary>The Redis list that holds the keys, after the job storage's prefix.</summary>
    public const string KeySuffix = "dataprotection-keys";

    public static void AddSharedKeyRing(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var storage = configuration.GetValue($"{JobsOptions.SectionName}:{nameof(JobsOptions.Storage)}", JobStorageKind.InMemory);
        if (storage == JobStorageKind.InMemory)
            return;
        services.AddDataProtection().SetApplicationName(ApplicationName);
        // Configured when the key ring is first needed (not at start-up), from the job storage's own connection.
        services.AddOptions<KeyManagementOptions>()
            .Configure<HostJobStorage, IOptions<JobsOptions>>((keys, host, jobs) => keys.XmlRepository = InRedis(host, jobs.Value));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static RedisXmlRepository InRedis(HostJobStorage host, JobsOptions jobs) =>
        new(host.RedisDatabase, jobs.Redis.Prefix + KeySuffix);
}
